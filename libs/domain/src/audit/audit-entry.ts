import type { AgentRole } from '../vocabulary.js';

/**
 * Stable dotted names of what the audit log records. Stored in rows and matched by prefix in
 * filters, so a name is never renamed: add a new one instead.
 */
export const AUDIT_ACTIONS = [
  'agent.created',
  'agent.renamed',
  'agent.role_changed',
  'agent.team_changed',
  'agent.deactivated',
  'agent.reactivated',
  'agent.password_reset',
  'team.created',
  'team.renamed',
  'sla_policy.changed',
  'calendar.created',
  'calendar.changed',
  'calendar.imported',
  'calendar.team_assigned',
  'calendar.made_default',
  'calendar.deleted',
  'calendar_settings.changed',
  'webhook_endpoint.created',
  'webhook_endpoint.changed',
  'webhook_endpoint.deleted',
  'webhook_endpoint.secret_rotated',
  'notification.retried',
  'ticket.reassigned',
  'tickets.bulk_changed',
  'metrics.exported',
  'customer.tier_changed',
  'customer.merged',
  'settings.changed',
  'canned_reply.created',
  'canned_reply.changed',
  'canned_reply.deleted',
  'macro.created',
  'macro.changed',
  'macro.deleted',
  'sign_in.succeeded',
  'sign_in.failed',
  'admin_board.signed_in',
  'admin_board.signed_out',
  'audit.exported',
  'audit.purged',
  'agent.locked',
  'agent.unlocked',
  'two_factor.enrolled',
  'two_factor.disabled',
  'two_factor.recovery_code_used',
  'two_factor.reset',
  'session.revoked',
  'session.signed_out_everywhere',
  'customer.export_requested',
  'customer.export_downloaded',
  'customer.erasure_requested',
  'customer.erased',
  'ticket.copied_person.removed',
  'inbound_mail.take_in_requested',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const isAuditAction = (value: string): value is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(value);

/** Who acted, as they were at that moment (a later rename or role change does not rewrite history). */
export type AuditActor = { type: 'agent'; id: string; name: string; role: AgentRole } | { type: 'system' };

/** What was acted on; the label is a human name kept for when the thing itself is gone. */
export interface AuditTarget {
  type: string;
  id: string | null;
  label: string | null;
}

/** Where the act came from: the client address as the limits see it (trusted proxies believed) and its user agent. */
export interface AuditOrigin {
  address: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface AuditEntryDraft {
  action: AuditAction;
  target: AuditTarget;
  before?: unknown;
  after?: unknown;
}

/** Names of failed sign-ins, kept apart in `after.reason` (never the password tried). */
export const SIGN_IN_FAILURES = ['unknown_email', 'wrong_password', 'disabled', 'locked', 'throttled', 'password_login_off', 'totp', 'oidc'] as const;
export type SignInFailure = (typeof SIGN_IN_FAILURES)[number];

export const SYSTEM_AUDIT_ACTOR: AuditActor = { type: 'system' };

/** Longest user agent kept: headers are caller-controlled text. */
export const AUDIT_USER_AGENT_MAX = 400;
