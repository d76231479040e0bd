import { useCallback, useEffect, useState } from 'react';
import type { MacroList, MacroView } from '@firsthand/http-contracts';
import { problemText } from '../../shared/api/problem-text.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import type { AgentApi } from '../../shared/session/agent-session.js';

/** The agent's own macros and their team's (GET /api/macros); `reload` after a change. */
export function useMacros(api: AgentApi): { macros: MacroView[]; error: string | null; reload(): void } {
  const [macros, setMacros] = useState<MacroView[]>([]);
  const { t } = useI18n();
  // The refusal itself, worded in the reader's language when read (a language switch rewords it).
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let cancelled = false;
    api.get<MacroList>('/api/macros').then(
      (list) => !cancelled && (setMacros(list.items), setFailure(null)),
      (error: unknown) => !cancelled && setFailure({ error }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { macros, error: failure && problemText(failure.error, t), reload };
}
