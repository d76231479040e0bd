import type { Channel, CustomerTier, Locale, Priority, TicketKind, TicketStatus } from '@firsthand/domain';
import type { LiveTicketEvent } from '@firsthand/realtime-contracts';

export interface TicketPerson {
  id: string;
  name: string;
}

export interface TicketCustomer {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  tier: CustomerTier;
  locale: Locale;
}

/**
 * The ticket's SLA due times and, for each, when 80% of its working time is spent (the business-time
 * moment badges turn amber and the worker warns); a warning instant is null for tickets planned
 * before they were kept, whose clocks ran 24×7.
 */
export interface TicketSla {
  firstResponseDueAt: string | null;
  nextUpdateDueAt: string | null;
  resolutionDueAt: string | null;
  firstResponseWarnAt: string | null;
  nextUpdateWarnAt: string | null;
  resolutionWarnAt: string | null;
  /** Since when the resolution clock is stopped while the ticket waits for the customer; null while it runs. Its due time moves when it restarts. */
  resolutionPausedAt: string | null;
}

/** The customer's rating of the resolution, 1-5. */
export interface Csat {
  rating: number;
  comment: string | null;
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
  owner: TicketPerson | null;
  firstResponder: TicketPerson | null;
  pendingHandoffTo: TicketPerson | null;
  offeredTo: TicketPerson | null;
  repeatOfTicketId: string | null;
  customer: TicketCustomer;
  createdAt: string;
  firstResponseAt: string | null;
  lastCustomerVisibleUpdateAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  sla: TicketSla;
  escalationLevel: number;
  reopenCount: number;
  transferCount: number;
  tags: string[];
  resolution: string | null;
  csat: Csat | null;
  /** The bot's part (issue 16): 'held' while it waits for the customer (out of the team queue until holdUntil), then how it ended. */
  bot: { outcome: 'held' | 'resolved' | 'asked' | 'timer' | 'replied' | 'claimed'; holdUntil: string | null } | null;
  lastSeq: number;
}

/** `GET /api/tickets`: in the `order` asked for (newest first by default); `nextCursor` asks for the next page of that order. */
export interface TicketPage {
  items: TicketView[];
  nextCursor: string | null;
}

/** A stored ticket event, the same over REST and on the live stream. */
export type TicketEventView = LiveTicketEvent;

/** `GET /api/tickets/:id/events`: the timeline after a seq. */
export interface TicketEventPage {
  items: TicketEventView[];
  lastSeq: number;
}

/** Every ticket action answers with the ticket after it and the events it wrote. */
export interface TicketChange {
  ticket: TicketView;
  events: TicketEventView[];
}

/** `POST /api/tickets`: the tracking token is shown this once. */
export interface OpenedTicket {
  id: string;
  code: string;
  trackingToken: string;
  trackingUrl: string;
  status: TicketStatus;
  subject: string;
  channel: Channel;
  kind: TicketKind;
  priority: Priority;
  tier: CustomerTier;
  repeatOfTicketId: string | null;
  createdAt: string;
  sla: TicketSla;
  /** The bot's answer to a standard question (issue 16); null when a person answers. */
  automaticAnswer: AutomaticAnswerView | null;
}

/** Which article the bot answered with, and in which language. */
export interface AutomaticAnswerView {
  articleId: string;
  title: string;
  locale: 'en' | 'zh-CN';
}

/** An event as a problem body carries it: the domain's event, which may not have its stored `id` yet. */
export type ProblemTicketEvent = TicketEventView extends infer E ? (E extends TicketEventView ? Omit<E, 'id'> & { id?: string } : never) : never;

/** The extension members of the 409 `stale-ticket-view` problem: what the customer wrote since `expectedSeq`. */
export interface StaleTicketViewProblem {
  expectedSeq: number;
  newEvents: ProblemTicketEvent[];
}

/** The payload of one type of event, as it travels. */
export type TicketEventPayload<T extends TicketEventView['type']> = Extract<TicketEventView, { type: T }>['payload'];
