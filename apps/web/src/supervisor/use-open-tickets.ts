import type { TicketView } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';
import { useTicketList } from './use-ticket-list.js';

/** Tickets not yet closed, newest first, for bulk actions (one page of 100: the API's limit for one bulk action). */
export function useOpenTickets(api: AgentApi, version: number): TicketView[] {
  return useTicketList(api, 'status=new,open,pending_customer,resolved&limit=100', version);
}
