import { useCallback, useState } from 'react';
import { ApiProblem } from '../shared/api/http.js';
import type { StaleTicketViewProblem, TicketChange, TicketEventView } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';

export interface CommandState {
  busy: boolean;
  error: string | null;
  /** Customer messages that arrived unseen: a refused reply shows them before the agent sends again. */
  stale: TicketEventView[] | null;
}

/**
 * Runs one ticket action (POST) and applies its answer. When the customer wrote since `expectedSeq`,
 * the API refuses with the new events: they join the timeline and are kept here to be shown.
 */
export function useTicketCommand(api: AgentApi, ticketId: string, apply: (change: Partial<TicketChange>) => void) {
  const [state, setState] = useState<CommandState>({ busy: false, error: null, stale: null });

  const run = useCallback(
    async (path: string, body: Record<string, unknown> = {}): Promise<boolean> => {
      setState((s) => ({ ...s, busy: true, error: null }));
      try {
        apply(await api.post<TicketChange>(`/api/tickets/${ticketId}/${path}`, body));
        setState({ busy: false, error: null, stale: null });
        return true;
      } catch (error) {
        if (error instanceof ApiProblem && error.code === 'stale-ticket-view' && Array.isArray(error.body.newEvents)) {
          const fresh: TicketEventView[] = (error.body.newEvents as StaleTicketViewProblem['newEvents']).map((e) => ({ ...e, id: `${e.ticketId}:${e.seq}` }));
          apply({ events: fresh });
          setState({ busy: false, error: null, stale: fresh.filter((e) => e.actor.type === 'customer') });
        } else {
          setState({ busy: false, error: (error as Error).message, stale: null });
        }
        return false;
      }
    },
    [api, ticketId, apply],
  );

  const dismiss = useCallback(() => setState((s) => ({ ...s, error: null })), []);
  return { ...state, run, dismiss };
}
