import { useEffect, useState } from 'react';
import type { TicketPage, TicketView } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';

/**
 * One page of `GET /api/tickets?<query>`, read again whenever `version` moves, in `order` when given
 * (a comparator defined once, outside the component). A failed read keeps the last page shown.
 */
export function useTicketList(api: AgentApi, query: string, version: number, order?: (a: TicketView, b: TicketView) => number): TicketView[] {
  const [tickets, setTickets] = useState<TicketView[]>([]);
  useEffect(() => {
    let cancelled = false;
    api.get<TicketPage>(`/api/tickets?${query}`).then(
      (page) => !cancelled && setTickets(order ? [...page.items].sort(order) : page.items),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api, query, version, order]);
  return tickets;
}
