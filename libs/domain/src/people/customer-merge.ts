import { CustomerMergeRefused, TooManyCustomerTickets } from '../domain-errors.js';
import type { TicketDecision } from '../ticket-decision.js';
import type { Actor, Ticket } from '../ticket.js';
import type { CustomerTier, Locale } from '../vocabulary.js';

/**
 * How many tickets one tier change or merge may change: they are all locked and written in one
 * transaction, which should stay short.
 */
export const CUSTOMER_ACT_TICKET_LIMIT = 1000;

export function assertWithinCustomerActLimit(ticketCount: number): void {
  if (ticketCount > CUSTOMER_ACT_TICKET_LIMIT) throw new TooManyCustomerTickets(CUSTOMER_ACT_TICKET_LIMIT);
}

/** A customer record as the merge rule sees it. */
export interface CustomerRecord {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  tier: CustomerTier;
  locale: Locale;
  mergedIntoId: string | null;
}

export interface Contacts {
  email: string | null;
  phone: string | null;
}

/** What a merge writes to the two records. */
export interface CustomerMergePlan {
  survivorId: string;
  duplicateId: string;
  /** The survivor's contacts after the merge. */
  survivor: Contacts;
  /** What stays on the duplicate's record (marked merged), so a mail or form from it still finds the survivor. */
  duplicate: Contacts;
  /** The duplicate's contacts the survivor took over. */
  moved: Contacts;
}

function sameEmail(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.toLowerCase() === b.toLowerCase();
}

/**
 * Two records of one customer become one. The survivor keeps its name, tier, locale and its own
 * email and phone; it takes the duplicate's email and phone only where it has none. A contact of
 * the duplicate that conflicts with the survivor's stays on the duplicate's record, which is kept
 * and marked merged into the survivor: nothing is lost, the profile lists it, and intake by it
 * leads to the survivor. A record cannot be merged with itself, nor once it was merged away.
 */
export function planCustomerMerge(survivor: CustomerRecord, duplicate: CustomerRecord): CustomerMergePlan {
  if (survivor.id === duplicate.id) throw new CustomerMergeRefused('same-record');
  if (duplicate.mergedIntoId) throw new CustomerMergeRefused('duplicate-merged', duplicate.mergedIntoId);
  if (survivor.mergedIntoId) throw new CustomerMergeRefused('survivor-merged', survivor.mergedIntoId);
  const takeEmail = survivor.email === null && duplicate.email !== null;
  const takePhone = survivor.phone === null && duplicate.phone !== null;
  return {
    survivorId: survivor.id,
    duplicateId: duplicate.id,
    survivor: { email: takeEmail ? duplicate.email : survivor.email, phone: takePhone ? duplicate.phone : survivor.phone },
    duplicate: {
      email: takeEmail || sameEmail(survivor.email, duplicate.email) ? null : duplicate.email,
      phone: takePhone || survivor.phone === duplicate.phone ? null : duplicate.phone,
    },
    moved: { email: takeEmail ? duplicate.email : null, phone: takePhone ? duplicate.phone : null },
  };
}

/** One of the duplicate's tickets moves to the survivor, with an internal event on its timeline; its own tier copy stays. */
export function moveTicketToSurvivor(ticket: Ticket, duplicate: Pick<CustomerRecord, 'id' | 'name'>, survivor: Pick<CustomerRecord, 'id' | 'name'>, actor: Actor): TicketDecision | null {
  if (ticket.customerId !== duplicate.id) return null;
  return {
    patch: { customerId: survivor.id },
    events: [
      {
        type: 'customer_merged',
        visibility: 'internal',
        actor,
        payload: { fromCustomerId: duplicate.id, fromCustomerName: duplicate.name, toCustomerId: survivor.id, toCustomerName: survivor.name },
      },
    ],
  };
}
