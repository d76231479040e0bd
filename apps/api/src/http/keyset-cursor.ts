import { RequestValidationFailed } from './problem.js';

/** A position in a list ordered by (created_at, id) descending. */
export interface KeysetCursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(cursor: KeysetCursor | null): string | null {
  return cursor ? Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url') : null;
}

export function decodeCursor(value: string | undefined): KeysetCursor | undefined {
  if (value === undefined) return undefined;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as [string, string];
    if (Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error('bad cursor');
    return { createdAt, id };
  } catch {
    throw new RequestValidationFailed([{ field: 'cursor', messages: ['cursor must be a nextCursor returned by this endpoint'] }]);
  }
}
