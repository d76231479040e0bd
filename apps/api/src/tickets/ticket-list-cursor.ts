import { TICKET_LIST_ORDERS, type TicketListOrder } from '@firsthand/domain';
import type { TicketListPosition } from '@firsthand/persistence';
import { isStorableTime, UUID } from '../http/keyset-cursor.js';
import { RequestValidationFailed } from '../http/problem.js';

/**
 * `GET /api/tickets` cursors name their order, so that a cursor is never read in another order,
 * where the same position would skip or repeat tickets: `newest` keeps the shape every list's
 * cursor has ([createdAt, id], so cursors handed out before the orders existed still work),
 * `oldest` is ["oldest", createdAt, id], `due` is ["due", dueAt or null, createdAt, id].
 */
export function encodeTicketCursor(order: TicketListOrder, position: TicketListPosition | null): string | null {
  if (!position) return null;
  const fields = order === 'newest' ? [position.createdAt, position.id] : order === 'oldest' ? ['oldest', position.createdAt, position.id] : ['due', position.dueAt ?? null, position.createdAt, position.id];
  return Buffer.from(JSON.stringify(fields)).toString('base64url');
}

const notOurs = () => new RequestValidationFailed([{ field: 'cursor', messages: ['cursor must be a nextCursor returned by this endpoint'] }]);

export function decodeTicketCursor(value: string | undefined, order: TicketListOrder): TicketListPosition | undefined {
  if (value === undefined) return undefined;
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw notOurs();
  }
  if (!Array.isArray(fields)) throw notOurs();
  const [cursorOrder, ...position] = fields.length === 2 ? ['newest', ...fields] : fields;
  if (!(TICKET_LIST_ORDERS as readonly unknown[]).includes(cursorOrder)) throw notOurs();
  if (cursorOrder !== order) {
    throw new RequestValidationFailed([{ field: 'cursor', messages: [`cursor continues order=${cursorOrder}, not order=${order}: ask for the first page of order=${order} without a cursor`] }]);
  }
  const [dueAt, createdAt, id] = order === 'due' ? position : [null, ...position];
  const fits = position.length === (order === 'due' ? 3 : 2) && isStorableTime(createdAt) && typeof id === 'string' && UUID.test(id);
  if (!fits || (dueAt !== null && !isStorableTime(dueAt))) throw notOurs();
  return order === 'due' ? { createdAt, id, dueAt } : { createdAt, id };
}
