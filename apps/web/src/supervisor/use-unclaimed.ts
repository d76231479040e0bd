import type { TicketView } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';
import { useTicketList } from './use-ticket-list.js';

const oldestFirst = (a: TicketView, b: TicketView) => Date.parse(a.createdAt) - Date.parse(b.createdAt);

/** Unclaimed tickets, oldest first: the ones aging in a queue. */
export function useUnclaimed(api: AgentApi, version: number): TicketView[] {
  return useTicketList(api, 'owner=unowned&status=new&limit=100', version, oldestFirst);
}
