import type { TicketView } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';
import { useTicketList } from './use-ticket-list.js';

/** Unclaimed tickets, oldest first (the API's order): the ones aging longest in a queue. */
export function useUnclaimed(api: AgentApi, version: number): TicketView[] {
  return useTicketList(api, 'owner=unowned&status=new&order=oldest&limit=100', version);
}
