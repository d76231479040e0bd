import { useCallback, useState } from 'react';
import { ApiProblem } from '../shared/api/http.js';
import type { StaleTicketViewProblem, TicketChange, TicketEventView } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';
import { problemText } from '../shared/api/problem-text.js';
import { useI18n } from '../shared/i18n/i18n.js';
import { messageAttachmentsText } from '../shared/attachments/attachment-problems.js';

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
  const { t, locale } = useI18n();

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
          // A message's attachments refused (too large together, too many, expired): said in the agent's language.
          const attachments = error instanceof ApiProblem ? messageAttachmentsText(error, t, locale) : null;
          setState({ busy: false, error: attachments ?? problemText(error, t), stale: null });
        }
        return false;
      }
    },
    [api, ticketId, apply, t, locale],
  );

  const dismiss = useCallback(() => setState((s) => ({ ...s, error: null })), []);
  return { ...state, run, dismiss };
}
