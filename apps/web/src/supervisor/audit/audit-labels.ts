import { AUDIT_ACTIONS, CUSTOMER_TIERS, isAuditAction, PRIORITIES, SIGN_IN_FAILURES, TICKET_STATUSES, type AuditAction } from '@firsthand/domain';
import { humanise } from '../../shared/i18n/humanise.js';
import type { Translate } from '../../shared/i18n/locale.js';
import type { MessageKey } from '../../shared/i18n/messages-en.js';
import { roleLabel } from '../../shared/i18n/role-label.js';

/** Whether `value` is one of `list`'s words (the known subjects, fields, tiers …). */
const member = <T extends string>(list: readonly T[], value: unknown): value is T => typeof value === 'string' && (list as readonly string[]).includes(value);

/** What an entry's action did, in the reader's language; an action newer than this bundle shows as words. */
export function auditActionLabel(action: string, t: Translate): string {
  return isAuditAction(action) ? t(`audit.action.${action}`) : humanise(action);
}

/** The kinds of thing the log speaks of: the first part of an action's name, and the targets' types. */
export const AUDIT_SUBJECTS = [
  'agent', 'team', 'sla_policy', 'calendar', 'calendar_settings', 'webhook_endpoint', 'notification', 'ticket', 'tickets', 'metrics',
  'metrics_report', 'customer', 'settings', 'canned_reply', 'macro', 'sign_in', 'admin_board', 'audit', 'audit_log', 'two_factor', 'session', 'inbound_mail',
] as const;

/** A kind of thing (`webhook_endpoint` → "Webhook"); one this bundle does not know shows as words. */
export function auditSubjectLabel(subject: string, t: Translate): string {
  return member(AUDIT_SUBJECTS, subject) ? t(`audit.subject.${subject}`) : humanise(subject);
}

export interface AuditActionGroup {
  /** What the API's action filter matches every action of this group by, e.g. `sign_in.`. */
  prefix: string;
  subject: string;
  actions: AuditAction[];
}

/** The filter's choices: every known action, grouped by what it acts on, in the order the domain lists them. */
export const AUDIT_ACTION_GROUPS: readonly AuditActionGroup[] = AUDIT_ACTIONS.reduce<AuditActionGroup[]>((groups, action) => {
  const subject = action.slice(0, action.indexOf('.'));
  const group = groups.find((g) => g.subject === subject);
  if (group) group.actions.push(action);
  else groups.push({ prefix: `${subject}.`, subject, actions: [action] });
  return groups;
}, []);

/** One line of an entry's before or after: a field's name and its value, both in words. */
export interface AuditDetail {
  field: string;
  value: string;
}

export interface AuditDetailFormat {
  t: Translate;
  dateTime(iso: string): string;
  duration(ms: number): string;
  /** An agent's name for an id in the entry (an owner, a requester), when the page knows it. */
  nameOf?(agentId: string): string | undefined;
  /** A team's name for a team id in the entry, when the page knows it. */
  teamNameOf?(teamId: string): string | undefined;
}

const FIELDS = [
  'id', 'name', 'role', 'teamId', 'teamIds', 'active', 'locked', 'method', 'reason', 'detail', 'session', 'enrolmentRequired', 'revoked', 'by',
  'tier', 'changedTickets', 'movedTickets', 'survivorId', 'duplicateId', 'mergedIntoId', 'status', 'retryRound', 'ownerId', 'toAgentId', 'tags',
  'bulkAction', 'add', 'remove', 'exportId', 'erasureId', 'openTickets', 'confirmed', 'requestedBy', 'tickets', 'rows', 'filter', 'action',
  'actorId', 'targetType', 'targetId', 'removed', 'before', 'retentionDays', 'from', 'to', 'groupBy', 'groups', 'expiresInSeconds',
  'calendarId', 'defaultCalendarId', 'complaintCap', 'zone', 'alwaysOpen', 'week', 'makeUpHours', 'holidays', 'extraWorkingDays', 'policies',
  'mode', 'imported', 'firstResponseSeconds', 'updateCadenceSeconds', 'resolutionSeconds', 'title', 'shortcut', 'bodyEn', 'bodyZhCn', 'reply',
  'addTags', 'removeTags', 'priority', 'version', 'isDefault', 'url', 'description', 'secret', 'createdAt', 'email', 'passwordHash',
] as const;

/** A field of a before/after value as people read it; a field this bundle does not know shows as words. */
export function auditFieldLabel(field: string, t: Translate): string {
  return member(FIELDS, field) ? t(`audit.field.${field}`) : humanise(field);
}

const SIGN_IN_METHODS = ['password', 'oidc', 'totp'] as const;
const BULK_ACTION_KEYS: Record<string, MessageKey> = { reassign: 'bulk.reassign', tag: 'bulk.tag', close_as_spam: 'bulk.spam' };
const COMPLAINT_CAP_KEYS: Record<string, MessageKey> = { always_open: 'cal.capAlwaysOpen', ticket_calendar: 'cal.capTicketCalendar' };
const AGENT_ID_FIELDS = new Set(['ownerId', 'toAgentId', 'requestedBy', 'actorId']);
const TEAM_ID_FIELDS = new Set(['teamId', 'teamIds']);
/** Stored masked, but even the mask is not shown: only whether one was set. */
const SECRET_FIELDS = new Set(['passwordHash', 'password_hash']);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const LONGEST = 300;

const clip = (text: string) => (text.length > LONGEST ? `${text.slice(0, LONGEST - 1)}…` : text);

/** A value of a named field in words: a role, tier or status by its label, seconds as a duration, an agent id as the name. */
function fieldValue(field: string, value: unknown, format: AuditDetailFormat): string {
  const { t } = format;
  if (SECRET_FIELDS.has(field)) return value === null || value === undefined || value === '' ? t('audit.none') : t('audit.set');
  if (TEAM_ID_FIELDS.has(field) && Array.isArray(value)) return value.length ? value.map((id) => (typeof id === 'string' ? (format.teamNameOf?.(id) ?? id) : plain(id, format))).join(', ') : t('audit.none');
  if (typeof value === 'string') {
    if (TEAM_ID_FIELDS.has(field)) return format.teamNameOf?.(value) ?? value;
    if (field === 'role') return roleLabel(value, t);
    if (field === 'tier' && member(CUSTOMER_TIERS, value)) return t(`tier.${value}`);
    if (field === 'priority' && member(PRIORITIES, value)) return t(`priority.${value}`);
    if (field === 'status' && member(TICKET_STATUSES, value)) return t(`status.${value}`);
    if (field === 'reason' && member(SIGN_IN_FAILURES, value)) return t(`audit.reason.${value}`);
    if (field === 'method' && member(SIGN_IN_METHODS, value)) return t(`audit.method.${value}`);
    if (field === 'bulkAction' && BULK_ACTION_KEYS[value]) return t(BULK_ACTION_KEYS[value]);
    if (field === 'complaintCap' && COMPLAINT_CAP_KEYS[value]) return t(COMPLAINT_CAP_KEYS[value]);
    if (field === 'action') return value.endsWith('.') ? t('audit.actionGroupAll', { group: auditSubjectLabel(value.slice(0, -1), t) }) : auditActionLabel(value, t);
    if (field === 'targetType') return auditSubjectLabel(value, t);
    if (AGENT_ID_FIELDS.has(field)) return format.nameOf?.(value) ?? value;
  }
  if (typeof value === 'number' && field.endsWith('Seconds')) return format.duration(value * 1000);
  return plain(value, format);
}

function plain(value: unknown, format: AuditDetailFormat): string {
  const { t } = format;
  if (value === null || value === undefined) return t('audit.none');
  if (typeof value === 'boolean') return t(value ? 'audit.yes' : 'audit.no');
  if (typeof value === 'string') return ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)) ? format.dateTime(value) : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.length ? value.map((item) => plain(item, format)).join(', ') : t('audit.none');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, inner]) => inner !== undefined)
      .map(([field, inner]) => `${auditFieldLabel(field, t)}: ${fieldValue(field, inner, format)}`)
      .join('; ');
  }
  return String(value);
}

/**
 * An entry's before or after value as field/value lines in the reader's language, in place of its JSON.
 * Nested values read as "field: value; …" on their line; a bare value is one line with no field name.
 */
export function auditDetails(value: unknown, format: AuditDetailFormat): AuditDetail[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object' || Array.isArray(value)) return [{ field: '', value: clip(plain(value, format)) }];
  return Object.entries(value)
    .filter(([, inner]) => inner !== undefined)
    .map(([field, inner]) => ({ field: auditFieldLabel(field, format.t), value: clip(fieldValue(field, inner, format)) }));
}
