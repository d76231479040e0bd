import { initialDueTimes } from './sla-clock.js';
/** A new ticket has no owner and waits in its team's queue. */
export function openTicket(input, sla, newTicketId) {
    const due = initialDueTimes(input.kind, sla, input.now);
    const repeatOf = input.repeatOf;
    return {
        status: 'new',
        ...due,
        repeatOfTicketId: repeatOf?.id ?? null,
        offeredToId: repeatOf?.ownerId ?? null,
        events: [
            {
                type: 'created',
                visibility: 'public',
                actor: input.openedBy,
                payload: {
                    code: input.code,
                    subject: input.subject,
                    channel: input.channel,
                    kind: input.kind,
                    priority: input.priority,
                    tier: input.tier,
                    repeatOfTicketId: repeatOf?.id ?? null,
                },
            },
        ],
        repeatOriginEvent: repeatOf
            ? { type: 'repeat_contact', visibility: 'internal', actor: input.openedBy, payload: { ticketId: newTicketId, code: input.code } }
            : null,
    };
}
//# sourceMappingURL=open-ticket.js.map