import type { Channel, CustomerTier, Locale, Priority, TicketKind, TicketStatus } from '@firsthand/domain';

/** A customer record's own fields. */
export interface CustomerCard {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  tier: CustomerTier;
  locale: Locale;
  createdAt: string;
}

/** One of the customer's tickets, as the profile lists it. */
export interface CustomerTicketSummary {
  id: string;
  code: string;
  subject: string;
  status: TicketStatus;
  priority: Priority;
  kind: TicketKind;
  channel: Channel;
  tier: CustomerTier;
  owner: { id: string; name: string } | null;
  createdAt: string;
  resolvedAt: string | null;
  /** The earlier ticket this one repeats, when the agent may see it. */
  repeatOf: { id: string; code: string } | null;
}

export interface CustomerRating {
  ticketId: string;
  code: string;
  rating: number;
  comment: string | null;
  ratedAt: string;
}

export interface CustomerRepeatContact {
  ticketId: string;
  code: string;
  createdAt: string;
  repeatOfTicketId: string;
  repeatOfCode: string;
}

/** A contact kept on a record merged into this one because it differed from the survivor's own. */
export interface MergedContact {
  customerId: string;
  email: string | null;
  phone: string | null;
  mergedAt: string;
}

/** `GET /api/customers/:id`: the customer with the tickets the agent may see. */
export interface CustomerProfile extends CustomerCard {
  /** The id asked for when it was a record merged into this one; null otherwise. */
  mergedFromId: string | null;
  otherContacts: MergedContact[];
  counts: { tickets: number; open: number; resolved: number; repeatContacts: number; rated: number; hidden: number };
  averageRating: number | null;
  tickets: { items: CustomerTicketSummary[]; nextCursor: string | null };
  csatHistory: CustomerRating[];
  repeatContacts: CustomerRepeatContact[];
}

/** `GET /api/customers?q=`. */
export interface CustomerMatchList {
  items: Array<CustomerCard & { ticketCount: number }>;
}

/** `PATCH /api/customers/:id` and `POST /api/customers/:id/merge`: the customer now, and the tickets the act changed. */
export interface CustomerChangeAnswer {
  customer: CustomerCard;
  changedTickets: Array<{ id: string; code: string }>;
}
