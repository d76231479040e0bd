import type { TeamNamedBySetting } from './team-references.js';
import type { TicketEvent } from './ticket-events.js';
import type { TicketStatus } from './vocabulary.js';

/** A rule said no. Each subclass is mapped to one problem+json type at the edge. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  /** Extra members for the problem document, e.g. the owner a refused agent must talk to. */
  extensions(): Record<string, unknown> {
    return {};
  }
}

export class TicketNotFound extends DomainError {
  readonly code = 'ticket-not-found';
  constructor() {
    super('No such ticket.');
  }
}

export class TicketOwnedByAnother extends DomainError {
  readonly code = 'ticket-owned-by-another';
  constructor(readonly ownerId: string, readonly ownerName: string) {
    super(`${ownerName} already owns this ticket.`);
  }
  override extensions() {
    return { ownerId: this.ownerId, ownerName: this.ownerName };
  }
}

export class NotTicketOwner extends DomainError {
  readonly code = 'not-ticket-owner';
  constructor(readonly action: string, readonly ownerId: string | null, readonly ownerName: string | null) {
    super(
      ownerId
        ? `Only the owner, ${ownerName}, may ${action}. Add an internal note or ask for a handoff.`
        : `Nobody owns this ticket yet; claim it before you ${action}.`,
    );
  }
  override extensions() {
    return { ownerId: this.ownerId, ownerName: this.ownerName };
  }
}

export class TransitionNotAllowed extends DomainError {
  readonly code = 'transition-not-allowed';
  constructor(readonly from: TicketStatus, readonly to: string, reason?: string) {
    super(reason ?? `A ${from} ticket cannot become ${to}.`);
  }
  override extensions() {
    return { currentStatus: this.from, requestedStatus: this.to };
  }
}

export class StaleTicketView extends DomainError {
  readonly code = 'stale-ticket-view';
  constructor(readonly expectedSeq: number, readonly newerEvents: TicketEvent[]) {
    super('The customer wrote since you last looked. Read the new events, then try again.');
  }
  override extensions() {
    return { expectedSeq: this.expectedSeq, newEvents: this.newerEvents };
  }
}

export class ExpectedSeqAhead extends DomainError {
  readonly code = 'expected-seq-ahead';
  constructor(readonly expectedSeq: number, readonly lastSeq: number) {
    super(`expectedSeq ${expectedSeq} is ahead of the ticket's latest event ${lastSeq}.`);
  }
  override extensions() {
    return { expectedSeq: this.expectedSeq, lastSeq: this.lastSeq };
  }
}

/** Why a handoff cannot be proposed or answered, for a client to word it (the message is English). */
export const HANDOFF_CONFLICT_REASONS = ['handoff-waiting', 'no-handoff-to-you'] as const;
export type HandoffConflictReason = (typeof HANDOFF_CONFLICT_REASONS)[number];
const HANDOFF_CONFLICTS: Record<HandoffConflictReason, string> = {
  'handoff-waiting': 'A handoff is already waiting for an answer; it must be accepted or declined first.',
  'no-handoff-to-you': 'No handoff to you is waiting on this ticket.',
};

export class HandoffConflict extends DomainError {
  readonly code = 'handoff-conflict';
  constructor(readonly reason: HandoffConflictReason, readonly pendingToId: string | null = null) {
    super(HANDOFF_CONFLICTS[reason]);
  }
  override extensions() {
    return { reason: this.reason, pendingHandoffToId: this.pendingToId };
  }
}

export class RoleRequired extends DomainError {
  readonly code = 'role-required';
  constructor(readonly roles: readonly string[], action: string) {
    super(`Only ${roles.join(' or ')} may ${action}.`);
  }
  override extensions() {
    return { requiredRoles: this.roles };
  }
}

export class ReopenWindowClosed extends DomainError {
  readonly code = 'reopen-window-closed';
  constructor(readonly windowEndedAt: Date | null) {
    super('This ticket can no longer be reopened; open a new issue instead.');
  }
  override extensions() {
    return { windowEndedAt: this.windowEndedAt?.toISOString() ?? null };
  }
}

export class TicketAlreadyRated extends DomainError {
  readonly code = 'ticket-already-rated';
  constructor() {
    super('This ticket has already been rated.');
  }
}

export class InvalidAssignee extends DomainError {
  readonly code = 'invalid-assignee';
  constructor(message: string) {
    super(message);
  }
}

/** Supervisors and admins are made and changed by an admin only. */
export class AdminRoleRequired extends RoleRequired {
  constructor() {
    super(['admin'], 'create or change supervisors and admins');
    this.message = 'Only an admin may create or change supervisors and admins.';
  }
}

export class AgentNotFound extends DomainError {
  readonly code = 'agent-not-found';
  constructor() {
    super('No such agent.');
  }
}

/** Someone must be left able to sign in and undo it: the agent asks a colleague instead. */
export class CannotDisableSelf extends DomainError {
  readonly code = 'cannot-disable-self';
  constructor() {
    super('Ask another supervisor or admin.');
  }
}

export class EmailAlreadyRegistered extends DomainError {
  readonly code = 'email-taken';
  constructor(readonly email: string) {
    super(`An agent with ${email} already exists.`);
  }
}

export class TeamNameTaken extends DomainError {
  readonly code = 'team-exists';
  constructor(readonly teamName: string) {
    super(`A team named ${teamName} already exists.`);
  }
}

export class TeamNotFound extends DomainError {
  readonly code = 'team-not-found';
  constructor(readonly teamId: string) {
    super('There is no team with this id.');
  }
}

/**
 * Settings name this team by its name (the mail routes, the team SSO newcomers join): renamed, they
 * would quietly stop finding it. Naming the team by its id there first makes any rename safe.
 */
export class TeamNamedInSettings extends DomainError {
  readonly code = 'team-named-in-settings';
  constructor(readonly teamId: string, readonly namedIn: ReadonlyArray<Pick<TeamNamedBySetting, 'setting' | 'entry'>>) {
    super(
      `Settings name this team by its name (${namedIn.map((r) => `${r.setting}: ${r.entry}`).join('; ')}): renamed, they would no longer find it ` +
        `(mail routed there would go to the default team; SSO newcomers could not join it). Name the team there by its id (${teamId}; "teamId" in the mail settings) instead, restart Firsthand, then rename it.`,
    );
  }
  override extensions() {
    return { teamId: this.teamId, namedIn: this.namedIn.map(({ setting, entry }) => ({ setting, entry })) };
  }
}

export class CustomerNotFound extends DomainError {
  readonly code = 'customer-not-found';
  constructor() {
    super('No such customer.');
  }
}

/** Why two records cannot become one, for a client to word it (the message is English). */
export const CUSTOMER_MERGE_REFUSALS = ['same-record', 'duplicate-merged', 'survivor-merged', 'same-phone'] as const;
export type CustomerMergeRefusal = (typeof CUSTOMER_MERGE_REFUSALS)[number];
const MERGE_REFUSAL_MESSAGES: Record<CustomerMergeRefusal, string> = {
  'same-record': 'A customer cannot be merged with itself.',
  'duplicate-merged': 'That customer was already merged into another record.',
  'survivor-merged': 'This customer was merged into another record; merge into that one.',
  'same-phone': 'Another customer record has the same phone number; merge that record first.',
};

/** Two records cannot become one: the same record twice, one already merged away, or a phone another record holds. */
export class CustomerMergeRefused extends DomainError {
  readonly code = 'customer-merge-refused';
  constructor(readonly reason: CustomerMergeRefusal, readonly mergedIntoId: string | null = null) {
    super(MERGE_REFUSAL_MESSAGES[reason]);
  }
  override extensions() {
    return this.mergedIntoId ? { reason: this.reason, mergedIntoId: this.mergedIntoId } : { reason: this.reason };
  }
}

/** The record was merged into another; acts on the customer go to the survivor. */
export class CustomerMergedAway extends DomainError {
  readonly code = 'customer-merged';
  constructor(readonly mergedIntoId: string) {
    super('This customer record was merged into another; change that one instead.');
  }
  override extensions() {
    return { mergedIntoId: this.mergedIntoId };
  }
}

/**
 * The customer's record has an erasure queued or running: what they send now (a new request, a
 * reply) would land on the record being erased, so it is refused until the erasure is done, after
 * which their address names no record and a new request starts a new one.
 */
export class CustomerBeingErased extends DomainError {
  readonly code = 'customer-being-erased';
  constructor() {
    super("This customer's data is being erased at their request: nothing new is taken from them until that is done. After that, a new request starts a new customer record.");
  }
}

/** A supervisor's act on a customer changes their tickets in one transaction, so it has a ceiling. */
export class TooManyCustomerTickets extends DomainError {
  readonly code = 'too-many-customer-tickets';
  constructor(readonly limit: number) {
    super(`This would change more than ${limit} tickets at once; ask an admin to split the record first.`);
  }
  override extensions() {
    return { limit: this.limit };
  }
}
