/**
 * What browser code may import from the domain: the closed vocabularies and the event shapes; the HTTP bodies live in @firsthand/http-contracts.
 * Only modules that need nothing from Node (ticket codes use node:crypto, so index.ts is not browser-safe).
 */
export * from './vocabulary.js';
export type { CustomerTimelineEntry } from './customer-timeline.js';
export type { SlaTarget, TicketEventPayloads, TicketEventType } from './ticket-events.js';
export type { Actor } from './ticket.js';
export type { FileNotAttached } from './attachments/attachment-ref.js';
export type { AgentNoticeKind, CustomerProgressKind } from './progress-notices.js';
export type { MetricsGrouping } from './metrics/metrics-grouping.js';
export type { SlaAttainment } from './metrics/sla-attainment.js';
export { CANNED_REPLY_PLACEHOLDERS } from './canned-replies/canned-reply-template.js';
export type { CannedReplyScope } from './canned-replies/canned-reply-access.js';
export { CANNED_REPLY_LIMITS } from './canned-replies/canned-reply-limits.js';
export * from './tags/tag-limits.js';
export * from './people/team-name.js';
export * from './operations/webhook-endpoint-limits.js';
export { couldStartTag } from './tags/tag-normalising.js';
export { mayManageRole } from './people/role-management.js';
export { AUDIT_ACTIONS, isAuditAction, SIGN_IN_FAILURES, type AuditAction, type SignInFailure } from './audit/audit-entry.js';
export { SLA_TARGET_MINUTES } from './sla-target-limits.js';
export { MACRO_SCOPES, MACRO_LIMITS, macroReplyFor, type MacroScope } from './macros/macro.js';
export type { ArticleAudience, ArticleStatus } from './knowledge-base/article-rules.js';
export { CUSTOMER_MERGE_REFUSALS, HANDOFF_CONFLICT_REASONS } from './domain-errors.js';
export { CALENDAR_PROBLEM_REASONS, type CalendarProblemReason } from './business-time/calendar-problem-reasons.js';
export { CANNOT_TAKE_IN_WHY, TAKE_IN_REFUSALS, type TakeInRefusal, type TakeInState } from './email/held-mail.js';
export { UNTICKETED_REASON_KINDS, type UnticketedReasonKind } from './email/unticketed-reason.js';
export { SAVED_VIEW_PRESETS, type SavedViewPreset } from './saved-views.js';
