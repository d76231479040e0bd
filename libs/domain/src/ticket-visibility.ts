import type { ActingAgent } from './ticket.js';
import { isSupervisorRole } from './vocabulary.js';

/**
 * Object-level access for agents: supervisors and admins see every ticket; agents and seniors see
 * their team's queue and any ticket they own, watch, are offered or are asked to take over.
 */
export function seesAllTickets(agent: ActingAgent): boolean {
  return isSupervisorRole(agent.role);
}
