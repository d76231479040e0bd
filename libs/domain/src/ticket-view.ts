import type { Channel, CustomerTier, Locale, Priority, TicketKind, TicketStatus } from './vocabulary.js';

interface Person {
  id: string;
  name: string;
}

/** A ticket as agents see it over the API and in the console; dates are ISO strings. */
export interface TicketView {
  id: string;
  code: string;
  subject: string;
  description: string;
  channel: Channel;
  kind: TicketKind;
  priority: Priority;
  tier: CustomerTier;
  status: TicketStatus;
  teamId: string | null;
  owner: Person | null;
  firstResponder: Person | null;
  pendingHandoffTo: Person | null;
  offeredTo: Person | null;
  repeatOfTicketId: string | null;
  customer: { id: string; name: string; email: string | null; phone: string | null; tier: CustomerTier; locale: Locale };
  createdAt: string;
  firstResponseAt: string | null;
  lastCustomerVisibleUpdateAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  sla: { firstResponseDueAt: string | null; nextUpdateDueAt: string | null; resolutionDueAt: string | null };
  escalationLevel: number;
  reopenCount: number;
  transferCount: number;
  tags: string[];
  resolution: string | null;
  csat: { rating: number; comment: string | null } | null;
  lastSeq: number;
}
