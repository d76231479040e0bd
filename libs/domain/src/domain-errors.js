/** A rule said no. Each subclass is mapped to one problem+json type at the edge. */
export class DomainError extends Error {
    /** Extra members for the problem document, e.g. the owner a refused agent must talk to. */
    extensions() {
        return {};
    }
}
export class TicketNotFound extends DomainError {
    code = 'ticket-not-found';
    constructor() {
        super('No such ticket.');
    }
}
export class TicketOwnedByAnother extends DomainError {
    ownerId;
    ownerName;
    code = 'ticket-owned-by-another';
    constructor(ownerId, ownerName) {
        super(`${ownerName} already owns this ticket.`);
        this.ownerId = ownerId;
        this.ownerName = ownerName;
    }
    extensions() {
        return { ownerId: this.ownerId, ownerName: this.ownerName };
    }
}
export class NotTicketOwner extends DomainError {
    action;
    ownerId;
    ownerName;
    code = 'not-ticket-owner';
    constructor(action, ownerId, ownerName) {
        super(ownerId
            ? `Only the owner, ${ownerName}, may ${action}. Add an internal note or ask for a handoff.`
            : `Nobody owns this ticket yet; claim it before you ${action}.`);
        this.action = action;
        this.ownerId = ownerId;
        this.ownerName = ownerName;
    }
    extensions() {
        return { ownerId: this.ownerId, ownerName: this.ownerName };
    }
}
export class TransitionNotAllowed extends DomainError {
    from;
    to;
    code = 'transition-not-allowed';
    constructor(from, to, reason) {
        super(reason ?? `A ${from} ticket cannot become ${to}.`);
        this.from = from;
        this.to = to;
    }
    extensions() {
        return { currentStatus: this.from, requestedStatus: this.to };
    }
}
export class StaleTicketView extends DomainError {
    expectedSeq;
    newerEvents;
    code = 'stale-ticket-view';
    constructor(expectedSeq, newerEvents) {
        super('The customer wrote since you last looked. Read the new events, then try again.');
        this.expectedSeq = expectedSeq;
        this.newerEvents = newerEvents;
    }
    extensions() {
        return { expectedSeq: this.expectedSeq, newEvents: this.newerEvents };
    }
}
export class ExpectedSeqAhead extends DomainError {
    expectedSeq;
    lastSeq;
    code = 'expected-seq-ahead';
    constructor(expectedSeq, lastSeq) {
        super(`expectedSeq ${expectedSeq} is ahead of the ticket's latest event ${lastSeq}.`);
        this.expectedSeq = expectedSeq;
        this.lastSeq = lastSeq;
    }
    extensions() {
        return { expectedSeq: this.expectedSeq, lastSeq: this.lastSeq };
    }
}
export class HandoffConflict extends DomainError {
    pendingToId;
    code = 'handoff-conflict';
    constructor(message, pendingToId = null) {
        super(message);
        this.pendingToId = pendingToId;
    }
    extensions() {
        return { pendingHandoffToId: this.pendingToId };
    }
}
export class RoleRequired extends DomainError {
    roles;
    code = 'role-required';
    constructor(roles, action) {
        super(`Only ${roles.join(' or ')} may ${action}.`);
        this.roles = roles;
    }
    extensions() {
        return { requiredRoles: this.roles };
    }
}
export class ReopenWindowClosed extends DomainError {
    windowEndedAt;
    code = 'reopen-window-closed';
    constructor(windowEndedAt) {
        super('This ticket can no longer be reopened; open a new issue instead.');
        this.windowEndedAt = windowEndedAt;
    }
    extensions() {
        return { windowEndedAt: this.windowEndedAt?.toISOString() ?? null };
    }
}
export class TicketAlreadyRated extends DomainError {
    code = 'ticket-already-rated';
    constructor() {
        super('This ticket has already been rated.');
    }
}
export class InvalidAssignee extends DomainError {
    code = 'invalid-assignee';
    constructor(message) {
        super(message);
    }
}
//# sourceMappingURL=domain-errors.js.map