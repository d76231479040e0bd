import { TAG_LIMITS } from './tag-limits.js';
import { InvalidTag } from './tag-errors.js';

// Letters and digits of any script (Chinese included), joined by single spaces, '-', '_', '.', '/'.
const TAG_SHAPE = /^[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}]|[ _./-](?=[\p{L}\p{N}]))*$/u;

/**
 * One spelling per tag: NFKC (full-width Latin from a Chinese IME becomes ASCII), trimmed, inner
 * runs of spaces made one, Latin lower-cased; Chinese is kept as written. Throws `InvalidTag`.
 */
export function normaliseTag(raw: string): string {
  const tag = raw.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
  if (tag.length === 0) throw new InvalidTag(raw, 'it is empty');
  if ([...tag].length > TAG_LIMITS.maxLength) throw new InvalidTag(raw, `it is longer than ${TAG_LIMITS.maxLength} characters`);
  if (!TAG_SHAPE.test(tag)) throw new InvalidTag(raw, "use letters and digits, joined by single spaces, '-', '_', '.' or '/'");
  return tag;
}

/** What a tag being typed starts with, normalised like a tag ("VIP-" finds "vip-customer"); throws InvalidTag when no tag could start so. */
export function normaliseTagPrefix(raw: string): string {
  return normaliseTag(raw.replace(/[ _./-]+$/u, ''));
}

/** Whether some tag could start with what is typed (suggestions are not asked for otherwise). */
export function couldStartTag(raw: string): boolean {
  try {
    normaliseTagPrefix(raw);
    return true;
  } catch {
    return false;
  }
}

/** Normalised, duplicates dropped, first spelling's order kept. */
export function normaliseTags(raw: readonly string[]): string[] {
  return [...new Set(raw.map(normaliseTag))];
}

/** Whether a string is a well-formed tag already (the normalised form of itself). */
export function isNormalisedTag(value: string): boolean {
  try {
    return normaliseTag(value) === value;
  } catch {
    return false;
  }
}
