import { useEffect, useState } from 'react';
import type { Colleague, ColleagueList } from '@firsthand/http-contracts';
import type { AgentApi } from '../session/agent-session.js';

/** Active agents to hand off or reassign to (GET /api/colleagues), loaded once. */
export function useColleagues(api: AgentApi): Colleague[] {
  const [colleagues, setColleagues] = useState<Colleague[]>([]);
  useEffect(() => {
    let cancelled = false;
    void api.get<ColleagueList>('/api/colleagues').then((page) => !cancelled && setColleagues(page.items), () => undefined);
    return () => {
      cancelled = true;
    };
  }, [api]);
  return colleagues;
}
