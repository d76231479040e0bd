import type { TicketView } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';
import { useTicketList } from './use-ticket-list.js';

const highestLevelFirst = (a: TicketView, b: TicketView) => b.escalationLevel - a.escalationLevel;

/**
 * Open tickets escalated past a warning (a missed target, an owner who asked for help), highest level
 * first: what a supervisor opening the dashboard must see, beside the escalations that arrive live.
 */
export function useEscalatedTickets(api: AgentApi, version: number): TicketView[] {
  return useTicketList(api, 'escalated=true&status=new,open,pending_customer&limit=50', version, highestLevelFirst);
}
