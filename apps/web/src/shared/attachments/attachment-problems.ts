import type { AttachmentTypeRefusal } from '@firsthand/domain';
import type { AttachmentLimitsView } from '@firsthand/http-contracts';
import type { Translate, UiLocale } from '../i18n/locale.js';
import { formatFileSize, formatSizeLimit } from './file-size.js';

/** A refusal as the API answered it: the status, the problem type's last segment, and the problem+json body. */
export interface AttachmentProblem {
  status: number;
  code: string;
  body: Record<string, unknown>;
}

/** What the chosen files of one message break before they are sent: too many, or too large together. */
export type AttachmentsExcess = { kind: 'count'; count: number; limit: number } | { kind: 'bytes'; totalBytes: number; limitBytes: number };

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);
const bytes = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null);

/**
 * The files one message would carry (those uploading or ready; a refused one is not sent), checked
 * against the limits the API gave the page. Null when they fit, or when the limits are not known.
 */
export function attachmentsExcess(sizes: readonly number[], limits: AttachmentLimitsView | null | undefined): AttachmentsExcess | null {
  if (!limits) return null;
  if (sizes.length > limits.maxFilesPerMessage) return { kind: 'count', count: sizes.length, limit: limits.maxFilesPerMessage };
  const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
  return totalBytes > limits.maxMessageBytes ? { kind: 'bytes', totalBytes, limitBytes: limits.maxMessageBytes } : null;
}

export function excessText(excess: AttachmentsExcess, t: Translate, locale: UiLocale): string {
  return excess.kind === 'count'
    ? t('attach.tooManyFiles', { limit: excess.limit })
    : t('attach.messageTooLarge', { size: formatFileSize(excess.totalBytes, locale), limit: formatSizeLimit(excess.limitBytes, locale) });
}

/**
 * Why a file's type was refused, from the 415 body's `refusal` and the names it rests on; a refusal
 * this bundle does not know, or one missing what it needs, reads as the general one.
 */
export function typeRefusalText(body: Record<string, unknown>, t: Translate): string {
  const extension = text(body.extension);
  const type = text(body.detectedType)?.toUpperCase() ?? null;
  const refusal = body.refusal as AttachmentTypeRefusal | undefined;
  switch (refusal) {
    case 'empty':
      return t('attach.refused.empty');
    case 'unrecognised':
      return extension ? t('attach.refused.unrecognised', { extension }) : t('attach.refused.unrecognised-unnamed');
    case 'executable-name':
    case 'markup-name':
    case 'binary-text':
    case 'not-utf8':
    case 'markup-content':
      if (extension) return t(`attach.refused.${refusal}`, { extension });
      break;
    case 'executable-content':
      if (type) return t('attach.refused.executable-content', { type });
      break;
    case 'type-not-accepted': {
      const named = text(body.detectedMime) ?? type;
      if (named) return t('attach.refused.type-not-accepted', { type: named });
      break;
    }
    case 'name-mismatch':
      if (extension && type) return t('attach.refused.name-mismatch', { extension, type });
      break;
  }
  return t('attach.refusedType');
}

/** Why `POST /api/uploads` refused one file, in the reader's language; `fallback` when it was no refusal (a network error). */
export function uploadRefusalText(problem: AttachmentProblem | null, fallback: string, t: Translate, locale: UiLocale): string {
  if (problem?.status === 413) {
    const limit = bytes(problem.body.limitBytes);
    return limit ? t('attach.tooLargeLimit', { limit: formatSizeLimit(limit, locale) }) : t('attach.tooLarge');
  }
  if (problem?.status === 415) return typeRefusalText(problem.body, t);
  if (problem?.code === 'too-many-pending-uploads') return t('attach.tooManyWaiting');
  if (problem?.status === 429) return t('attach.tooMany');
  return fallback;
}

/**
 * Why the API refused a message for its attachments, in the reader's language (its own detail is
 * English and counts bytes); null for any other refusal, which the form says its own way.
 */
export function messageAttachmentsText(problem: AttachmentProblem, t: Translate, locale: UiLocale): string | null {
  const { body } = problem;
  switch (problem.code) {
    case 'attachments-too-large': {
      const limit = bytes(body.limitBytes);
      const size = bytes(body.sizeBytes);
      if (limit === null) return t('attach.tooLarge');
      if (body.scope === 'message' && size !== null) return t('attach.messageTooLarge', { size: formatFileSize(size, locale), limit: formatSizeLimit(limit, locale) });
      if (body.scope === 'ticket') return t('attach.ticketTooLarge', { limit: formatSizeLimit(limit, locale) });
      return t('attach.tooLargeLimit', { limit: formatSizeLimit(limit, locale) });
    }
    case 'too-many-attachments': {
      const limit = bytes(body.limit);
      return limit === null ? t('attach.tooManyFilesUnknown') : t('attach.tooManyFiles', { limit });
    }
    case 'upload-not-usable':
      return t('attach.notUsable');
    case 'attachment-type-refused':
      return typeRefusalText(body, t);
    default:
      return null;
  }
}
