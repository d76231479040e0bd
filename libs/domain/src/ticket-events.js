/**
 * Event type names are stored in the timeline and read by the metrics, the worker and clients:
 * renaming one strands history, so add new names instead of changing these.
 */
export const TICKET_EVENT_TYPES = [
    'created',
    'claimed',
    'agent_replied',
    'internal_note_added',
    'customer_replied',
    'status_changed',
    'reopened',
    'handoff_proposed',
    'handoff_accepted',
    'handoff_declined',
    'reassigned',
    'escalation_requested',
    'repeat_contact',
    'rated',
];
export function isCustomerAuthored(event) {
    return event.actor.type === 'customer';
}
//# sourceMappingURL=ticket-events.js.map