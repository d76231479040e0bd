import { useEffect, useState } from 'react';
import type { TicketPage, TicketView } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';

/** Tickets not yet closed, newest first, for bulk actions (one page of 100: the API's limit for one bulk action). */
export function useOpenTickets(api: AgentApi, version: number): TicketView[] {
  const [tickets, setTickets] = useState<TicketView[]>([]);
  useEffect(() => {
    let cancelled = false;
    api.get<TicketPage>('/api/tickets?status=new,open,pending_customer,resolved&limit=100').then(
      (page) => !cancelled && setTickets(page.items),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api, version]);
  return tickets;
}
