import { TEAM_NAME_MAX_LENGTH, WEBHOOK_ENDPOINT_LIMITS } from '@firsthand/domain';
import type { WebhookUrlRefusal } from '@firsthand/http-contracts';
import { problemText } from '../../shared/api/problem-text.js';
import type { MessageKey } from '../../shared/i18n/messages-en.js';
import type { Translate } from '../../shared/i18n/locale.js';

interface FieldEntry {
  field: string;
  reason?: unknown;
  values?: unknown;
}

/** The `errors` of a 400 (bad input), if the refusal is one; the API's English messages are never shown. */
function badFields(error: unknown): FieldEntry[] {
  const { status, body } = (error ?? {}) as { status?: unknown; body?: { errors?: unknown } };
  if (status !== 400 || !Array.isArray(body?.errors)) return [];
  return body.errors.filter((entry): entry is FieldEntry => !!entry && typeof entry === 'object' && typeof (entry as FieldEntry).field === 'string');
}

/** A team's create or rename refused, in the reader's language: a bad name (the only field), a name taken, a team gone… */
export function teamRefusalText(error: unknown, t: Translate): string {
  return badFields(error).length > 0 ? t('teams.nameInvalid', { max: TEAM_NAME_MAX_LENGTH }) : problemText(error, t);
}

const URL_REFUSALS: Record<WebhookUrlRefusal, MessageKey> = {
  'not-public-address': 'webhooks.url.not-public-address',
  unresolvable: 'webhooks.url.unresolvable',
  'not-a-url': 'webhooks.url.invalid',
};

const hostOf = (values: unknown): string => {
  const host = values && typeof values === 'object' ? (values as Record<string, unknown>).host : undefined;
  return typeof host === 'string' ? host : '';
};

/**
 * A webhook endpoint refused, in the reader's language: the URL by the reason the API gives (a
 * private address, a host that does not resolve, no URL at all), the description by its length,
 * anything else (too many endpoints, one removed meanwhile) by its problem code.
 */
export function webhookRefusalText(error: unknown, t: Translate): string {
  const fields = badFields(error);
  if (fields.length === 0) return problemText(error, t);
  return fields
    .map((entry) => {
      if (entry.field === 'description') return t('webhooks.descriptionInvalid', { max: WEBHOOK_ENDPOINT_LIMITS.descriptionMaxLength });
      const reason = typeof entry.reason === 'string' && Object.hasOwn(URL_REFUSALS, entry.reason) ? (entry.reason as WebhookUrlRefusal) : 'not-a-url';
      return t(URL_REFUSALS[reason], { host: hostOf(entry.values) });
    })
    .filter((text, index, all) => all.indexOf(text) === index)
    .join(' ');
}
