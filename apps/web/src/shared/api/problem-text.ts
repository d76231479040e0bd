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
  'cannot-disable-self', 'cannot-lock-self',
]);

/** zxcvbn-ts's warning keys the catalogs word (`password.warning.*`). */
const PASSWORD_WARNINGS = new Set([
  'straightRow', 'keyPattern', 'simpleRepeat', 'extendedRepeat', 'sequences', 'recentYears', 'dates', 'topTen', 'topHundred', 'common',
  'similarToCommon', 'wordByItself', 'namesByThemselves', 'commonNames', 'userInputs', 'pwned',
]);

const count = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null);

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

/**
 * A refusal from the API in the reader's language, known by its problem code (and, for a weak
 * password, by which part of the rule it broke); the server's English text only for a problem this
 * bundle does not know, and an error's own message when it was no problem at all (a network error).
 */
export function problemText(error: unknown, t: Translate): string {
  if (!isProblem(error)) return error instanceof Error ? error.message : String(error);
  const { code, body } = error;
  if (code === 'weak-password') return weakPasswordText(body, t);
  if (code === 'login-throttled') {
    const seconds = count(body.retryAfterSeconds);
    return seconds === null ? t('problem.login-throttled-later') : t('problem.login-throttled', { seconds });
  }
  if (WORDED.has(code)) return t(`problem.${code}` as MessageKey);
  return error.message;
}
