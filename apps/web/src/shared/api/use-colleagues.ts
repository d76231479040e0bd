import { useEffect, useState } from 'react';
import type { Colleague, ColleagueList } from '@firsthand/http-contracts';
import type { AgentApi } from '../session/agent-session.js';

/** Marks a select of people (handoff, reassign): focusing it reloads the list, so presence is current when someone is picked. */
export const PEOPLE_PICKER = { 'data-people-picker': '' } as const;

/** Active agents to hand off or reassign to (GET /api/colleagues), with their presence: loaded once, and again as a people picker is focused. */
export function useColleagues(api: AgentApi): Colleague[] {
  const [colleagues, setColleagues] = useState<Colleague[]>([]);
  useEffect(() => {
    let cancelled = false;
    const load = () => {
      void api.get<ColleagueList>('/api/colleagues').then((page) => !cancelled && setColleagues(page.items), () => undefined);
    };
    const pickerFocused = (event: FocusEvent) => {
      if (event.target instanceof HTMLElement && event.target.matches('[data-people-picker]')) load();
    };
    load();
    document.addEventListener('focusin', pickerFocused);
    return () => {
      cancelled = true;
      document.removeEventListener('focusin', pickerFocused);
    };
  }, [api]);
  return colleagues;
}
