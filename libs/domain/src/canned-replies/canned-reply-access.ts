import type { ActingAgent } from '../ticket.js';
import { isSupervisorRole } from '../vocabulary.js';
import { CannedReplyNotFound, TeamRepliesRoleRequired } from './canned-reply-errors.js';

export const CANNED_REPLY_SCOPES = ['personal', 'team'] as const;
export type CannedReplyScope = (typeof CANNED_REPLY_SCOPES)[number];

/** Who a reply belongs to: an agent (personal) or a team. Fixed at creation. */
export interface CannedReplyOwnership {
  scope: CannedReplyScope;
  ownerId: string | null;
  teamId: string | null;
}

/**
 * Personal replies are their author's alone (a supervisor does not see them either). Team replies
 * are seen by the team's members, and by supervisors and admins, who see every team's tickets.
 */
export function maySeeCannedReply(agent: ActingAgent, reply: CannedReplyOwnership): boolean {
  if (reply.scope === 'personal') return reply.ownerId === agent.id;
  return isSupervisorRole(agent.role) || (agent.teamId !== null && agent.teamId === reply.teamId);
}

/** A senior writes their own team's replies; supervisors and admins any team's. */
export function mayManageTeamReplies(agent: ActingAgent, teamId: string): boolean {
  return isSupervisorRole(agent.role) || (agent.role === 'senior' && agent.teamId === teamId);
}

export function mayEditCannedReply(agent: ActingAgent, reply: CannedReplyOwnership): boolean {
  if (reply.scope === 'personal') return reply.ownerId === agent.id;
  return reply.teamId !== null && mayManageTeamReplies(agent, reply.teamId);
}

/** Throws unless `agent` may change `reply`: 404 for one they cannot see, 403 for a team reply they may only use. */
export function assertMayEditCannedReply(agent: ActingAgent, reply: CannedReplyOwnership): void {
  if (!maySeeCannedReply(agent, reply)) throw new CannedReplyNotFound();
  if (!mayEditCannedReply(agent, reply)) throw new TeamRepliesRoleRequired();
}

/** Throws unless `agent` may add a reply to `teamId`'s shared ones. */
export function assertMayManageTeamReplies(agent: ActingAgent, teamId: string): void {
  if (!mayManageTeamReplies(agent, teamId)) throw new TeamRepliesRoleRequired();
}
