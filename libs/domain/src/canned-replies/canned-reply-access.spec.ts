import { DomainError, RoleRequired } from '../domain-errors.js';
import { ADMIN, errorFrom, LI, SAM, SENIOR, SUPERVISOR } from '../testing/ticket.builder.js';
import { assertMayEditCannedReply, assertMayManageTeamReplies, maySeeCannedReply, type CannedReplyOwnership } from './canned-reply-access.js';
import { CannedReplyNotFound, TeamRepliesRoleRequired } from './canned-reply-errors.js';

const lisOwn: CannedReplyOwnership = { scope: 'personal', ownerId: LI.id, teamId: null };
const billing: CannedReplyOwnership = { scope: 'team', ownerId: null, teamId: 'team-billing' };
const shipping: CannedReplyOwnership = { scope: 'team', ownerId: null, teamId: 'team-shipping' };
const SHIPPING_SENIOR = { ...SENIOR, id: 'agent-senior-2', teamId: 'team-shipping' };

describe('who sees a canned reply', () => {
  it('shows a personal reply to its author only, not to a teammate or a supervisor', () => {
    expect(maySeeCannedReply(LI, lisOwn)).toBe(true);
    expect(maySeeCannedReply(SAM, lisOwn)).toBe(false);
    expect(maySeeCannedReply(SUPERVISOR, lisOwn)).toBe(false);
  });

  it('shows a team reply to the team and to supervisors and admins, not to another team', () => {
    expect(maySeeCannedReply(SAM, billing)).toBe(true);
    expect(maySeeCannedReply(SAM, shipping)).toBe(false);
    expect(maySeeCannedReply(SUPERVISOR, shipping)).toBe(true);
    expect(maySeeCannedReply(ADMIN, billing)).toBe(true);
    expect(maySeeCannedReply({ ...LI, teamId: null }, billing)).toBe(false);
  });
});

describe('who changes a canned reply', () => {
  it('lets the author change their personal reply', () => {
    expect(() => assertMayEditCannedReply(LI, lisOwn)).not.toThrow();
  });

  it("answers another agent's personal reply as not found, supervisors included", () => {
    expect(errorFrom(() => assertMayEditCannedReply(SAM, lisOwn))).toBeInstanceOf(CannedReplyNotFound);
    expect(errorFrom(() => assertMayEditCannedReply(SUPERVISOR, lisOwn))).toBeInstanceOf(CannedReplyNotFound);
  });

  it('refuses an agent changing a team reply they may use, naming the roles that may', () => {
    const error = errorFrom(() => assertMayEditCannedReply(SAM, billing));
    expect(error).toBeInstanceOf(TeamRepliesRoleRequired);
    expect(error).toBeInstanceOf(RoleRequired);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as RoleRequired).extensions()).toEqual({ requiredRoles: ['senior', 'supervisor', 'admin'] });
  });

  it("lets a senior change their own team's replies but not another team's", () => {
    expect(() => assertMayEditCannedReply(SENIOR, billing)).not.toThrow();
    expect(() => assertMayManageTeamReplies(SENIOR, 'team-billing')).not.toThrow();
    expect(errorFrom(() => assertMayEditCannedReply(SHIPPING_SENIOR, billing))).toBeInstanceOf(CannedReplyNotFound);
    expect(errorFrom(() => assertMayManageTeamReplies(SHIPPING_SENIOR, 'team-billing'))).toBeInstanceOf(TeamRepliesRoleRequired);
  });

  it("lets supervisors and admins change any team's replies", () => {
    expect(() => assertMayEditCannedReply(SUPERVISOR, shipping)).not.toThrow();
    expect(() => assertMayManageTeamReplies(ADMIN, 'team-shipping')).not.toThrow();
  });

  it('refuses an agent adding a team reply', () => {
    expect(errorFrom(() => assertMayManageTeamReplies(LI, 'team-billing'))).toBeInstanceOf(TeamRepliesRoleRequired);
  });
});
