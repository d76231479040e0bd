import { useCallback, useState } from 'react';
import { ApiProblem } from '../shared/api/http.js';
import type { TicketChange, TicketView } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';
import { problemText } from '../shared/api/problem-text.js';
import { useI18n } from '../shared/i18n/i18n.js';

export type ClaimOutcome = { won: true; change: TicketChange } | { won: false; ownerName: string | null; code: string; message: string };

/** Claims a ticket; losing the race (409) answers with who owns it, so the screen can say so. */
export function useClaim(api: AgentApi) {
  const [lost, setLost] = useState<{ code: string; ownerName: string; at: number } | null>(null);
  const { t } = useI18n();
  // The refusal itself, worded in the reader's language when read.
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const claim = useCallback(
    async (ticket: Pick<TicketView, 'id' | 'code'>): Promise<ClaimOutcome> => {
      setFailure(null);
      try {
        const change = await api.post<TicketChange>(`/api/tickets/${ticket.id}/claim`);
        setLost(null);
        return { won: true, change };
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 409 && typeof error.body.ownerName === 'string') {
          setLost({ code: ticket.code, ownerName: error.body.ownerName, at: Date.now() });
          return { won: false, ownerName: error.body.ownerName, code: ticket.code, message: error.message };
        }
        setFailure({ error });
        return { won: false, ownerName: null, code: ticket.code, message: (error as Error).message };
      }
    },
    [api],
  );
  return { claim, lost, failure: failure && problemText(failure.error, t) };
}
