import { AdminRoleRequired } from '../domain-errors.js';
import type { ActingAgent } from '../ticket.js';
import { isSupervisorRole, type AgentRole } from '../vocabulary.js';

/** Supervisors manage agents and seniors of any team; only admins create or change supervisors and admins. */
export function mayManageRole(actor: Pick<ActingAgent, 'role'>, role: AgentRole): boolean {
  return actor.role === 'admin' || !isSupervisorRole(role);
}

/** Throws unless `actor` may give an agent `role`, or change an agent who holds it. */
export function assertMayManageRole(actor: Pick<ActingAgent, 'role'>, role: AgentRole): void {
  if (!mayManageRole(actor, role)) throw new AdminRoleRequired();
}

/** A change touches the role the agent holds and, when it asks for one, the new role: both must be within reach. */
export function assertMayChangeAgent(actor: Pick<ActingAgent, 'role'>, agent: { role: AgentRole }, requestedRole?: AgentRole): void {
  assertMayManageRole(actor, agent.role);
  if (requestedRole) assertMayManageRole(actor, requestedRole);
}
