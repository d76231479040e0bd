import { RequestValidationFailed } from './problem.js';

/** A position in a list ordered by (created_at, id) descending. */
export interface KeysetCursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(cursor: KeysetCursor | null): string | null {
  return cursor ? Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url') : null;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Only what this API writes into a cursor: an ISO 8601 instant with a four-digit year and fields
 * that exist. JavaScript's Date.parse accepts more ("1", year 275760, February 30th, an offset of
 * +23:59) than PostgreSQL's timestamptz, which would answer 500.
 */
export function isStorableTime(value: unknown): value is string {
  const match = typeof value === 'string' ? ISO_TIME.exec(value) : null;
  if (!match || Number.isNaN(Date.parse(value as string))) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offsetOk = match[8] === 'Z' || (Number(match[9]) <= 15 && Number(match[10]) <= 59);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59 && offsetOk;
}

export function decodeCursor(value: string | undefined): KeysetCursor | undefined {
  if (value === undefined) return undefined;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as [unknown, unknown];
    if (!isStorableTime(createdAt) || typeof id !== 'string' || !UUID.test(id)) throw new Error('bad cursor');
    return { createdAt, id };
  } catch {
    throw new RequestValidationFailed([{ field: 'cursor', messages: ['cursor must be a nextCursor returned by this endpoint'] }]);
  }
}
