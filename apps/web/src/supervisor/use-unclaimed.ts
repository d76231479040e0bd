import { useEffect, useState } from 'react';
import type { TicketPage, TicketView } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';

/** Unclaimed tickets, oldest first: the ones aging in a queue. */
export function useUnclaimed(api: AgentApi, version: number): TicketView[] {
  const [tickets, setTickets] = useState<TicketView[]>([]);
  useEffect(() => {
    let cancelled = false;
    api.get<TicketPage>('/api/tickets?owner=unowned&status=new&limit=100').then(
      (page) => !cancelled && setTickets([...page.items].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api, version]);
  return tickets;
}
