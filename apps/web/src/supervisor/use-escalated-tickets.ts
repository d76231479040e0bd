import { useEffect, useState } from 'react';
import type { TicketPage, TicketView } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';

/**
 * Open tickets escalated past a warning (a missed target, an owner who asked for help), highest level
 * first: what a supervisor opening the dashboard must see, beside the escalations that arrive live.
 */
export function useEscalatedTickets(api: AgentApi, version: number): TicketView[] {
  const [tickets, setTickets] = useState<TicketView[]>([]);
  useEffect(() => {
    let cancelled = false;
    api.get<TicketPage>('/api/tickets?escalated=true&status=new,open,pending_customer&limit=50').then(
      (page) => !cancelled && setTickets([...page.items].sort((a, b) => b.escalationLevel - a.escalationLevel)),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api, version]);
  return tickets;
}
