/** The helpdesk's closed vocabularies; the database checks the same lists. */
export const CHANNELS = ['web', 'email', 'phone', 'chat', 'social', 'in_store'] as const;
export type Channel = (typeof CHANNELS)[number];

export const TICKET_KINDS = ['question', 'problem', 'request', 'complaint'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CUSTOMER_TIERS = ['standard', 'member', 'vip'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const AGENT_ROLES = ['agent', 'senior', 'supervisor', 'admin'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

export const PRESENCES = ['online', 'away', 'offline'] as const;
export type Presence = (typeof PRESENCES)[number];
/** What an agent chooses; they are offline, whatever they chose, while no console of theirs is connected. */
export const AVAILABILITIES = ['online', 'away'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export const TICKET_STATUSES = ['new', 'open', 'pending_customer', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses an owner may ask for; `new` and `closed` are reached only by the system. */
export const AGENT_SETTABLE_STATUSES = ['open', 'pending_customer', 'resolved'] as const;
export type AgentSettableStatus = (typeof AGENT_SETTABLE_STATUSES)[number];

export const VISIBILITIES = ['public', 'internal'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** 0 none, 1 warned at 80% of a target, 2 escalated at breach or on request, 3 escalated again. */
export const ESCALATION_LEVELS = { none: 0, warning: 1, escalated: 2, critical: 3 } as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[keyof typeof ESCALATION_LEVELS];

/**
 * Why an uploaded file's type was refused (415 `attachment-type-refused`, member `refusal`), so a
 * page can say it in the reader's language: a name that lies about its content, a program or a
 * script, markup that can carry script, text that is not text, or a type not taken at all.
 */
export const ATTACHMENT_TYPE_REFUSALS = [
  'empty', 'executable-name', 'markup-name', 'executable-content', 'type-not-accepted', 'name-mismatch', 'unrecognised', 'binary-text', 'not-utf8', 'markup-content',
] as const;
export type AttachmentTypeRefusal = (typeof ATTACHMENT_TYPE_REFUSALS)[number];

export function isSupervisorRole(role: AgentRole): boolean {
  return role === 'supervisor' || role === 'admin';
}

/** Supervisors and admins oversee the queue and take no tickets: no handoff is offered to them, and they carry no load unless they own something. */
export function takesTickets(role: AgentRole): boolean {
  return !isSupervisorRole(role);
}

/**
 * How a ticket list may be ordered: `newest` or `oldest` created first, or `due`, the nearest running
 * SLA deadline first (`nearestRunningDeadline`).
 */
export const TICKET_LIST_ORDERS = ['newest', 'oldest', 'due'] as const;
export type TicketListOrder = (typeof TICKET_LIST_ORDERS)[number];
