import { useEffect, useState } from 'react';
import type { TicketPage, TicketView } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';

const dueAt = (t: TicketView) => (t.sla.resolutionDueAt ? Date.parse(t.sla.resolutionDueAt) : Number.POSITIVE_INFINITY);

/** Complaints not yet resolved, nearest 24-hour deadline first. */
export function useOpenComplaints(api: AgentApi, version: number): TicketView[] {
  const [tickets, setTickets] = useState<TicketView[]>([]);
  useEffect(() => {
    let cancelled = false;
    api.get<TicketPage>('/api/tickets?kind=complaint&status=new,open,pending_customer&limit=100').then(
      (page) => !cancelled && setTickets([...page.items].sort((a, b) => dueAt(a) - dueAt(b))),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api, version]);
  return tickets;
}
