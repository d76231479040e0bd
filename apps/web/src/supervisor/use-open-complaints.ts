import type { TicketView } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';
import { useTicketList } from './use-ticket-list.js';

const dueAt = (t: TicketView) => (t.sla.resolutionDueAt ? Date.parse(t.sla.resolutionDueAt) : Number.POSITIVE_INFINITY);
const nearestDeadlineFirst = (a: TicketView, b: TicketView) => dueAt(a) - dueAt(b);

/** Complaints not yet resolved, the most urgent read (`order=due`), shown nearest 24-hour deadline first. */
export function useOpenComplaints(api: AgentApi, version: number): TicketView[] {
  return useTicketList(api, 'kind=complaint&status=new,open,pending_customer&order=due&limit=100', version, nearestDeadlineFirst);
}
