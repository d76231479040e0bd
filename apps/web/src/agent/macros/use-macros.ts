import { useCallback, useEffect, useState } from 'react';
import type { MacroList, MacroView } from '@firsthand/http-contracts';
import type { AgentApi } from '../../shared/session/agent-session.js';

/** The agent's own macros and their team's (GET /api/macros); `reload` after a change. */
export function useMacros(api: AgentApi): { macros: MacroView[]; error: string | null; reload(): void } {
  const [macros, setMacros] = useState<MacroView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let cancelled = false;
    api.get<MacroList>('/api/macros').then(
      (list) => !cancelled && (setMacros(list.items), setError(null)),
      (e: Error) => !cancelled && setError(e.message),
    );
    return () => {
      cancelled = true;
    };
  }, [api, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { macros, error, reload };
}
