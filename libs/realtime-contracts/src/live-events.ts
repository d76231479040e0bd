import type { CustomerTimelineEntry } from '@firsthand/domain';

/** A ticket event as agents and supervisors receive it: the whole stored event. */
export interface LiveTicketEvent {
  id: string;
  ticketId: string;
  seq: number;
  type: string;
  visibility: 'public' | 'internal';
  actor: { type: 'agent' | 'customer' | 'system'; id?: string; name?: string };
  payload: Record<string, unknown>;
  createdAt: string;
}

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
  change: 'created' | 'claimed' | 'reassigned' | 'handed_off' | 'status_changed';
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
  kind: 'sla_warning' | 'sla_escalated' | 'update_reminder' | 'customer_replied' | 'handoff_proposed' | 'reassigned' | 'repeat_contact';
  ticketId: string;
  ticketCode: string;
  seq: number;
  /** The notice's subject line in the agent's locale. */
  title: string;
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
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'suppressed';
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
  notification: (notice: AgentNotification) => void;
  'gateway.draining': (notice: DrainNotice) => void;
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

export interface SupervisorServerEvents {
  'ticket.event': (event: LiveTicketEvent) => void;
  'queue.changed': (change: QueueChange) => void;
  'notification.failed': (notification: FailedNotification) => void;
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
