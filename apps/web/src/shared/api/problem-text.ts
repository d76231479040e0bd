import { CANNOT_TAKE_IN_WHY, CUSTOMER_MERGE_REFUSALS, HANDOFF_CONFLICT_REASONS, TAG_LIMITS } from '@firsthand/domain';
import type { MessageKey } from '../i18n/messages-en.js';
import type { Translate } from '../i18n/locale.js';

/** What the text needs of an `ApiProblem` (kept structural, so this module needs no DOM). */
export interface ProblemLike {
  status: number;
  code: string;
  body: Record<string, unknown>;
  message: string;
}

/** Problems whose catalog entry says all there is to say: the API's own detail is English. */
const WORDED = new Set([
  'invalid-credentials', 'agent-locked', 'agent-deactivated', 'password-login-off', 'sign-in-unavailable', 'invalid-second-factor',
  'second-factor-replayed', 'invalid-recovery-code', 'challenge-expired', 'unauthenticated', 'role-required', 'email-taken',
  'cannot-disable-self', 'cannot-lock-self', 'ticket-not-found', 'macro-not-found', 'macro-changed', 'saved-view-name-taken',
  'mail-not-found', 'mail-original-not-kept', 'customer-not-found', 'customer-merged', 'customer-erased', 'customer-being-erased', 'export-not-found', 'export-gone',
  'canned-reply-not-found', 'attachment-not-found', 'calendar-not-found', 'calendar-in-use', 'calendar-name-taken', 'too-many-calendars',
  'article-not-found', 'article-changed', 'category-not-found', 'category-limit-reached', 'no-article-category', 'ticket-not-resolved',
  'no-resolution-text', 'saved-view-not-found', 'saved-view-team-forbidden', 'team-not-found', 'agent-not-found', 'session-not-found',
  'notification-not-found', 'notification-not-failed', 'second-factor-enrolment-required', 'two-factor-already-enrolled',
  'two-factor-not-enrolled', 'no-enrolment-under-way', 'second-factor-not-on', 'cannot-reset-own-second-factor', 'language-model-off',
  'mail-unreadable', 'erasure-not-found', 'export-not-ready', 'tracking-token-required', 'sign-in-code-invalid',
  'oidc-provider-unavailable', 'oidc-not-configured', 'ticket-already-rated', 'team-exists', 'bot-hold-over', 'payload-too-large',
  'copied-person-not-found', 'mail-already-ticketed', 'mail-take-in-under-way', 'webhook-endpoint-not-found',
]);

/** zxcvbn-ts's warning keys the catalogs word (`password.warning.*`). */
const PASSWORD_WARNINGS = new Set([
  'straightRow', 'keyPattern', 'simpleRepeat', 'extendedRepeat', 'sequences', 'recentYears', 'dates', 'topTen', 'topHundred', 'common',
  'similarToCommon', 'wordByItself', 'namesByThemselves', 'commonNames', 'userInputs', 'pwned',
]);

const count = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null);
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);
const oneOf = <T extends string>(values: readonly T[], value: unknown): value is T => (values as readonly unknown[]).includes(value);
const texts = (value: unknown): string[] | null => (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string') ? (value as string[]) : null);

/** Problems worded with a field of their body (a limit, a name); without it, the server's own text. */
type Worder = (body: Record<string, unknown>, t: Translate) => string | null;
const WITH_FIELDS: ReadonlyMap<string, Worder> = new Map(Object.entries<Worder>({
  'ticket-owned-by-another': (body, t) => (text(body.ownerName) ? t('problem.ticket-owned-by-another', { name: text(body.ownerName)! }) : null),
  'not-ticket-owner': (body, t) =>
    body.ownerId === null ? t('problem.not-ticket-owner.unowned') : text(body.ownerName) ? t('problem.not-ticket-owner', { name: text(body.ownerName)! }) : null,
  'invalid-tag': (body, t) => (typeof body.tag === 'string' ? t('problem.invalid-tag', { tag: body.tag, max: TAG_LIMITS.maxLength }) : null),
  'too-many-tags': (body, t) => {
    const limit = count(body.limit);
    const wouldHave = count(body.wouldHave);
    return limit === null || wouldHave === null ? null : t('problem.too-many-tags', { limit, count: wouldHave });
  },
  'conflicting-tag-change': (body, t) => (texts(body.tags) ? t('problem.conflicting-tag-change', { tags: texts(body.tags)!.join(t('problem.listSeparator')) }) : null),
  'too-many-macros': (body, t) => (count(body.limit) === null ? null : t('problem.too-many-macros', { limit: count(body.limit)! })),
  'invalid-macro': (body, t) =>
    texts(body.unknownPlaceholders) ? t('problem.invalid-macro.placeholders', { placeholders: texts(body.unknownPlaceholders)!.map((p) => `{{${p}}}`).join(t('problem.listSeparator')) }) : null,
  'webhook-endpoint-limit': (body, t) => (count(body.limit) === null ? null : t('problem.webhook-endpoint-limit', { limit: count(body.limit)! })),
  'saved-view-limit': (body, t) => (count(body.limit) === null ? null : t('problem.saved-view-limit', { limit: count(body.limit)! })),
  'canned-reply-shortcut-taken': (body, t) => (text(body.shortcut) ? t('problem.canned-reply-shortcut-taken', { shortcut: text(body.shortcut)! }) : null),
  'canned-reply-limit-reached': (body, t) =>
    count(body.limit) === null || (body.scope !== 'personal' && body.scope !== 'team') ? null : t(`problem.canned-reply-limit-reached.${body.scope}`, { limit: count(body.limit)! }),
  'unknown-placeholders': (body, t) =>
    texts(body.unknownPlaceholders) && texts(body.knownPlaceholders)
      ? t('problem.unknown-placeholders', { placeholders: texts(body.unknownPlaceholders)!.join(t('problem.listSeparator')), known: texts(body.knownPlaceholders)!.join(t('problem.listSeparator')) })
      : null,
  'too-many-exports': (body, t) => (count(body.limit) === null ? null : t('problem.too-many-exports', { limit: count(body.limit)! })),
  'too-many-pending-uploads': (body, t) => (count(body.limit) === null ? null : t('problem.too-many-pending-uploads', { limit: count(body.limit)! })),
  'handoff-conflict': (body, t) => (oneOf(HANDOFF_CONFLICT_REASONS, body.reason) ? t(`problem.handoff-conflict.${body.reason}`) : null),
  'customer-merge-refused': (body, t) => (oneOf(CUSTOMER_MERGE_REFUSALS, body.reason) ? t(`problem.customer-merge-refused.${body.reason}`) : null),
  'saved-view-not-yours': (body, t) => (text(body.ownerName) ? t('problem.saved-view-not-yours.named', { name: text(body.ownerName)! }) : t('problem.saved-view-not-yours')),
  'article-slug-taken': (body, t) => (text(body.slug) ? t('problem.article-slug-taken', { slug: text(body.slug)! }) : null),
  'category-slug-taken': (body, t) => (text(body.slug) ? t('problem.category-slug-taken', { slug: text(body.slug)! }) : null),
  'too-many-customer-tickets': (body, t) => (count(body.limit) === null ? null : t('problem.too-many-customer-tickets', { limit: count(body.limit)! })),
  'mail-cannot-be-taken-in': (body, t) => (oneOf(CANNOT_TAKE_IN_WHY, body.why) ? t(`problem.mail-cannot-be-taken-in.${body.why}`) : null),
  'team-named-in-settings': (body, t) => {
    const namedIn = Array.isArray(body.namedIn) ? body.namedIn.filter((r): r is { setting: string; entry: string } => !!r && typeof r.setting === 'string' && typeof r.entry === 'string') : [];
    return text(body.teamId) && namedIn.length > 0
      ? t('problem.team-named-in-settings', { id: text(body.teamId)!, routes: namedIn.map((r) => `${r.entry} (${r.setting})`).join(t('problem.listSeparator')) })
      : null;
  },
  'audit-export-too-large': (body, t) => (count(body.maxRows) === null ? null : t('problem.audit-export-too-large', { max: count(body.maxRows)! })),
}));

/** A 429 or 503 says when to come back: in so many seconds, or later. */
const RETRY_LATER = new Map<string, [MessageKey, MessageKey]>([
  ['login-throttled', ['problem.login-throttled', 'problem.login-throttled-later']],
  ['too-many-requests', ['problem.too-many-requests', 'problem.too-many-requests-later']],
  ['service-unavailable', ['problem.service-unavailable', 'problem.service-unavailable-later']],
  ['too-many-tickets', ['problem.too-many-tickets', 'problem.too-many-tickets-later']],
  ['too-many-replies', ['problem.too-many-replies', 'problem.too-many-replies-later']],
  ['too-many-uploads', ['problem.too-many-uploads', 'problem.too-many-uploads-later']],
  ['too-many-suggestions', ['problem.too-many-suggestions', 'problem.too-many-suggestions-later']],
  ['too-many-deflections', ['problem.too-many-deflections', 'problem.too-many-deflections-later']],
  ['too-many-sign-ins', ['problem.too-many-sign-ins', 'problem.too-many-sign-ins-later']],
  ['too-many-take-ins', ['problem.too-many-take-ins', 'problem.too-many-take-ins-later']],
  ['too-many-language-model-calls', ['problem.too-many-language-model-calls', 'problem.too-many-language-model-calls-later']],
]);

/** How long to wait, as a person would say it: seconds, then minutes, then about so many hours ("3580 s" reads "about 1 h"). */
function waitText(seconds: number, t: Translate): string {
  if (seconds < 120) return t('problem.wait.seconds', { n: Math.ceil(seconds) });
  if (seconds < 3300) return t('problem.wait.minutes', { n: Math.ceil(seconds / 60) });
  return t('problem.wait.hours', { n: Math.max(1, Math.round(seconds / 3600)) });
}

function isProblem(error: unknown): error is ProblemLike {
  if (!error || typeof error !== 'object') return false;
  const candidate = error as Partial<ProblemLike>;
  return typeof candidate.status === 'number' && typeof candidate.code === 'string' && typeof candidate.body === 'object' && candidate.body !== null;
}

function weakPasswordText(body: Record<string, unknown>, t: Translate): string {
  switch (body.refusal) {
    case 'too-short': {
      const min = count(body.minLength);
      return min === null ? t('problem.weak-password') : t('problem.weak-password.too-short', { min });
    }
    case 'too-long': {
      const max = count(body.maxLength);
      return max === null ? t('problem.weak-password') : t('problem.weak-password.too-long', { max });
    }
    case 'guessable':
      return typeof body.warning === 'string' && PASSWORD_WARNINGS.has(body.warning)
        ? t('problem.weak-password.guessable-because', { warning: t(`password.warning.${body.warning}` as MessageKey) })
        : t('problem.weak-password.guessable');
    default:
      return t('problem.weak-password');
  }
}

/** Whether this bundle words the problem `code` in the reader's language (given the body fields its wording needs). */
export function wordsProblem(code: string): boolean {
  return code === 'weak-password' || RETRY_LATER.has(code) || WORDED.has(code) || WITH_FIELDS.has(code);
}

/**
 * A refusal from the API in the reader's language, known by its problem code (and, for a weak
 * password, by which part of the rule it broke); the server's English text only for a problem this
 * bundle does not know, and an error's own message when it was no problem at all (a network error).
 */
export function problemText(error: unknown, t: Translate): string {
  if (!isProblem(error)) return error instanceof Error ? error.message : String(error);
  const { code, body } = error;
  if (code === 'weak-password') return weakPasswordText(body, t);
  const retry = RETRY_LATER.get(code);
  if (retry) {
    const seconds = count(body.retryAfterSeconds);
    return seconds === null ? t(retry[1]) : t(retry[0], { wait: waitText(seconds, t) });
  }
  if (WORDED.has(code)) return t(`problem.${code}` as MessageKey);
  return WITH_FIELDS.get(code)?.(body, t) ?? error.message;
}
