/** The helpdesk's closed vocabularies; the database checks the same lists. */
export const CHANNELS = ['web', 'email', 'phone', 'chat', 'social', 'in_store'];
export const TICKET_KINDS = ['question', 'problem', 'request', 'complaint'];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
export const CUSTOMER_TIERS = ['standard', 'member', 'vip'];
export const LOCALES = ['zh-CN', 'en'];
export const AGENT_ROLES = ['agent', 'senior', 'supervisor', 'admin'];
export const PRESENCES = ['online', 'away', 'offline'];
export const TICKET_STATUSES = ['new', 'open', 'pending_customer', 'resolved', 'closed'];
/** Statuses an owner may ask for; `new` and `closed` are reached only by the system. */
export const AGENT_SETTABLE_STATUSES = ['open', 'pending_customer', 'resolved'];
export const VISIBILITIES = ['public', 'internal'];
/** 0 none, 1 warned at 80% of a target, 2 escalated at breach or on request, 3 escalated again. */
export const ESCALATION_LEVELS = { none: 0, warning: 1, escalated: 2, critical: 3 };
export function isSupervisorRole(role) {
    return role === 'supervisor' || role === 'admin';
}
//# sourceMappingURL=vocabulary.js.map