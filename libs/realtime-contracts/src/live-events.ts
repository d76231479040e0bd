import type { Actor, CustomerTimelineEntry, SlaTarget, TicketEventPayloads, TicketEventType, Visibility } from '@firsthand/domain';

/** What a value becomes in JSON: a Date travels as its ISO string. */
type Serialised<T> = T extends Date ? string : T extends readonly (infer E)[] ? Serialised<E>[] : T extends object ? { [K in keyof T]: Serialised<T[K]> } : T;

/** One type of ticket event on the wire; `type` decides the payload. */
export interface LiveTicketEventOf<T extends TicketEventType> {
  id: string;
  ticketId: string;
  seq: number;
  type: T;
  visibility: Visibility;
  actor: Actor;
  payload: Serialised<TicketEventPayloads[T]>;
  createdAt: string;
}

/** A ticket event as agents and supervisors receive it (and the REST timeline lists it): the whole stored event. */
export type LiveTicketEvent = { [T in TicketEventType]: LiveTicketEventOf<T> }[TicketEventType];

/**
 * What a customer receives: the public projection, never internal content or agent ids. An internal
 * event arrives as its seq alone (`hidden: true`), so the customer's stream stays gapless and a
 * client can tell a missed event from one it may not see.
 */
export type LiveCustomerEvent =
  | (CustomerTimelineEntry & { ticketCode: string; hidden: false })
  | { ticketCode: string; seq: number; hidden: true };

/** A change to a team queue: a ticket arrived, was taken, or left the queue. */
export interface QueueChange {
  ticketId: string;
  code: string;
  teamId: string | null;
  change: 'created' | 'claimed' | 'reassigned' | 'handed_off' | 'status_changed' | 'reopened' | 'breached';
  status: string;
  ownerId: string | null;
  ownerName: string | null;
  seq: number;
}

export interface PresenceEntry {
  agentId: string;
  agentName: string;
  state: 'viewing' | 'typing';
}

export interface TicketPresence {
  ticketId: string;
  agents: PresenceEntry[];
}

/** A notice for one agent (an SLA warning or escalation, a customer reply, a handoff offered to them), pushed as it is planned. */
export interface AgentNotification {
  /** Stable across re-deliveries: the worker may push the same notice twice, a client shows it once. */
  id: string;
  kind: 'sla_warning' | 'sla_escalated' | 'update_reminder' | 'customer_replied' | 'handoff_proposed' | 'handoff_withdrawn' | 'handoff_declined' | 'reassigned' | 'repeat_contact' | 'reopened' | 'escalation_requested';
  ticketId: string;
  ticketCode: string;
  seq: number;
  /** The notice's subject line in the agent's stored locale (the console words it in its own language from kind, code and actorName). */
  title: string;
  /** Who did it (the customer, a colleague); empty for the system. */
  actorName: string;
  /** A mail on the ticket that failed the sender checks: actorName is the address it came from, which may not be the customer's. */
  unverified?: true;
  /** An SLA warning or escalation: which target, and for an escalation whether it is the breach or the 150% stage. */
  sla?: { target: SlaTarget; stage: 'warning' | 'breach' | 'critical' };
  at: string;
}

/** A notification as `GET /api/notifications` lists it. */
export interface NotificationListItem {
  id: string;
  ticketId: string;
  ticketCode: string;
  eventSeq: number | null;
  kind: string;
  recipientType: 'customer' | 'agent' | 'endpoint';
  recipientName: string;
  channel: 'email' | 'sms' | 'webhook';
  address: string;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'suppressed' | 'refused';
  attempts: number;
  maxAttempts: number;
  retryRound: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  createdAt: string;
}

/** A notification that gave up (dead-lettered), for the supervisors' list of failed sends. */
export type FailedNotification = NotificationListItem & { status: 'failed' };

/** The answer to following a ticket: what was missed, or a snapshot when too much was. */
export type CatchUp<E> =
  | { ok: true; mode: 'events'; events: E[]; lastSeq: number }
  | { ok: true; mode: 'snapshot'; events: E[]; lastSeq: number; snapshot: Record<string, unknown> }
  | { ok: false; error: string };

/** Server-to-client events, one map per namespace, shared by the gateway, the API, the worker and web clients. */
export interface AgentServerEvents {
  'ticket.event': (event: LiveTicketEvent) => void;
  'queue.changed': (change: QueueChange) => void;
  presence: (presence: TicketPresence) => void;
  /** Without ticketId the agent's access ended altogether (the socket is then dropped). */
  'access.revoked': (notice: { reason: string; ticketId?: string }) => void;
  /** The agent's role or team changed while connected: the socket's rooms already follow it; reload lists, and a new supervisor may open `/supervisors`. */
  'access.changed': (notice: AgentAccessChange) => void;
  notification: (notice: AgentNotification) => void;
  /**
   * What the ticket's customer was sent changed with no ticket event to tell of it (a send failed for
   * good, a bounce came back, a supervisor sent a failed one again): read the ticket's notifications again.
   */
  'ticket.deliveries': (notice: { ticketId: string }) => void;
  'gateway.draining': (notice: DrainNotice) => void;
}

export interface AgentAccessChange {
  role: string;
  teamId: string | null;
}

/** Sent before a gateway node stops: the connection will close, reconnect (to another node). */
export interface DrainNotice {
  reason: 'shutdown';
  reconnect: true;
}

export interface CustomerServerEvents {
  'ticket.event': (event: LiveCustomerEvent) => void;
  'gateway.draining': (notice: DrainNotice) => void;
}

/** An unresolved ticket past an SLA target, as the supervisors' live figures list it. */
export interface LiveBreachingTicket {
  id: string;
  code: string;
  status: string;
  ownerId: string | null;
  teamId: string | null;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  breached: Array<'first_response' | 'resolution'>;
}

/** One active agent's owned, unresolved tickets. */
export interface LiveAgentLoad {
  agentId: string;
  name: string;
  role: string;
  teamId: string | null;
  open: number;
  pendingCustomer: number;
  total: number;
  /** As of this read: online or away while a console of theirs is connected, else offline. */
  presence: 'online' | 'away' | 'offline';
}

/**
 * The supervisors' "right now", as `GET /api/metrics/live` answers it and `metrics.changed` pushes
 * it: today's resolutions in the metrics time zone, the open queue by age, unclaimed tickets, what
 * breaches now and each agent's load. Times are ISO 8601 strings; rates are shares from 0 to 1, null
 * when nothing was resolved.
 */
export interface SupervisorLiveMetrics {
  /** When the figures were read. */
  now: string;
  timeZone: string;
  today: LiveToday;
  open: LiveOpenQueue;
  breachingNow: LiveBreaches;
  agents: LiveAgentLoad[];
}

/** Resolutions and the two rates, the same in the live figures and in the reports; rates are shares of `resolved`, null when nothing was resolved. */
export interface ResolutionCounts {
  resolved: number;
  firstResponderResolved: number;
  firstContactResolved: number;
  firstResponderResolutionRate: number | null;
  firstContactResolutionRate: number | null;
  provisional: number;
}

/** Today's resolutions in the metrics time zone. */
export interface LiveToday extends ResolutionCounts {
  day: string;
}

export interface LiveOpenQueue {
  total: number;
  unclaimed: number;
  /** Of `unclaimed`, those the bot holds now (answered automatically, waiting for the customer until the hold ends). */
  unclaimedHeldByBot: number;
  /** under_1h, 1h_to_4h, 4h_to_24h, 1d_to_3d, 3d_to_7d, over_7d. */
  byAge: Record<string, number>;
}

export interface LiveBreaches {
  firstResponse: number;
  resolution: number;
  total: number;
  tickets: LiveBreachingTicket[];
}

export interface SupervisorServerEvents {
  'ticket.event': (event: LiveTicketEvent) => void;
  'queue.changed': (change: QueueChange) => void;
  'notification.failed': (notification: FailedNotification) => void;
  /** After a committed change that moved the live figures (a burst of changes shares one push). */
  'metrics.changed': (metrics: SupervisorLiveMetrics) => void;
  /** The account is no longer a supervisor's (or was disabled): the socket is then dropped. */
  'access.revoked': (notice: { reason: string }) => void;
  'gateway.draining': (notice: DrainNotice) => void;
}

/** Client-to-server events; each answers through the socket.io acknowledgement. */
export interface AgentClientEvents {
  'ticket.follow': (request: { ticketId: string; afterSeq: number }, ack: (answer: CatchUp<LiveTicketEvent>) => void) => void;
  'ticket.unfollow': (request: { ticketId: string }, ack: (answer: { ok: boolean }) => void) => void;
  'presence.set': (request: { ticketId: string; state: 'viewing' | 'typing' | 'gone' }, ack: (answer: { ok: boolean; error?: string }) => void) => void;
}

export interface CustomerClientEvents {
  'ticket.catch-up': (request: { afterSeq: number }, ack: (answer: CatchUp<LiveCustomerEvent>) => void) => void;
}

/** Where a publisher gets the supervisors' live figures: `MetricsReports.live()` in @firsthand/persistence reads them from the database. */
export interface LiveMetricsSource {
  read(): Promise<SupervisorLiveMetrics>;
}
