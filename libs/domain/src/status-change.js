import { TransitionNotAllowed } from './domain-errors.js';
import { FirstResponderPolicy } from './ownership-policy.js';
import { isWithinReopenWindow } from './resolution-windows.js';
import { nextUpdateDue } from './sla-clock.js';
import { guardAgainstStaleView } from './stale-view-guard.js';
import { agentActor } from './ticket.js';
/** Which status an owner may move a ticket to from where it is. */
const OWNER_TRANSITIONS = {
    new: [],
    open: ['pending_customer', 'resolved'],
    pending_customer: ['open', 'resolved'],
    // Undoing a resolution counts as a reopen, so it shows in the owner's first-responder rate.
    resolved: ['open'],
    closed: [],
};
export function changeStatus(ticket, agent, input, context) {
    const { now, sla } = context;
    FirstResponderPolicy.assertOwner(ticket, agent, 'change the status', context.ownerName);
    const from = ticket.status;
    const to = input.status;
    if (from === to)
        throw new TransitionNotAllowed(from, to, `The ticket is already ${to}.`);
    if (!OWNER_TRANSITIONS[from].includes(to))
        throw new TransitionNotAllowed(from, to);
    if (input.resolution !== undefined && to !== 'resolved') {
        throw new TransitionNotAllowed(from, to, 'A resolution can only be given when resolving.');
    }
    guardAgainstStaleView(input.expectedSeq, ticket.lastSeq, context.eventsAfterExpected);
    const actor = agentActor(agent);
    if (from === 'resolved') {
        if (!isWithinReopenWindow(ticket, now, context.windows))
            throw new TransitionNotAllowed(from, to, 'The reopen window has passed.');
        return {
            patch: { status: 'open', resolvedAt: null, resolution: null, reopenCount: ticket.reopenCount + 1, lastCustomerVisibleUpdateAt: now, nextUpdateDueAt: nextUpdateDue(sla, now) },
            events: [{ type: 'reopened', visibility: 'public', actor, payload: { from, reopenCount: ticket.reopenCount + 1 } }],
        };
    }
    const base = { lastCustomerVisibleUpdateAt: now };
    if (to === 'resolved') {
        return {
            patch: { ...base, status: to, resolvedAt: now, resolution: input.resolution ?? null, nextUpdateDueAt: null, pendingHandoffToId: null, handoffNote: null },
            events: [{ type: 'status_changed', visibility: 'public', actor, payload: { from, to, resolution: input.resolution ?? null } }],
        };
    }
    return {
        patch: { ...base, status: to, nextUpdateDueAt: to === 'open' ? nextUpdateDue(sla, now) : null },
        events: [{ type: 'status_changed', visibility: 'public', actor, payload: { from, to } }],
    };
}
//# sourceMappingURL=status-change.js.map