import type { TicketEvent } from '@firsthand/domain';
import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import {
  LiveNamespace,
  LiveRoom,
  toLiveCustomerEvent,
  toLiveTicketEvent,
  type AgentNotification,
  type AgentServerEvents,
  type CustomerServerEvents,
  type FailedNotification,
  type QueueChange,
  type SupervisorLiveMetrics,
  type SupervisorServerEvents,
} from '@firsthand/realtime-contracts';

/** What the publisher needs to know about the ticket after the change committed. */
export interface PublishedTicket {
  id: string;
  code: string;
  teamId: string | null;
  status: string;
  owner: { id: string; name: string } | null;
}

const QUEUE_CHANGES: Partial<Record<string, QueueChange['change']>> = {
  created: 'created',
  claimed: 'claimed',
  reassigned: 'reassigned',
  handoff_accepted: 'handed_off',
  status_changed: 'status_changed',
  reopened: 'reopened',
  // A target missed: a view of breaching tickets ("Breaching", a saved view) counts it at once.
  sla_escalated: 'breached',
};

/**
 * Publishes committed ticket events to every gateway through the socket.io Redis emitter: processes
 * that are not socket servers never emit from a gateway's memory. Publishing is best effort: a
 * client that missed an event asks for everything after its last seq when it (re)follows a ticket.
 */
export class LivePublisher {
  private readonly agents: Emitter<AgentServerEvents>;
  private readonly customers: Emitter<CustomerServerEvents>;
  private readonly supervisors: Emitter<SupervisorServerEvents>;
  /** PUBLISH calls made by the emit in progress, so a caller can learn whether Redis took them. */
  private pending: Array<Promise<unknown>> | null = null;

  /** `channelKey`: `liveChannelKey(QUEUE_PREFIX)`, the key the gateways' Redis adapter listens on. */
  constructor(redis: Redis, channelKey: string, onError: (error: Error) => void = () => undefined) {
    // The emitter does not await PUBLISH: catch here so a Redis outage never becomes an unhandled rejection.
    const client = {
      publish: (channel: string, message: Buffer | string) => {
        const published = redis.publish(channel, message);
        this.pending?.push(published);
        return published.catch(onError);
      },
    };
    const root = new Emitter(client, { key: channelKey });
    this.agents = root.of(LiveNamespace.Agents) as Emitter<AgentServerEvents>;
    this.customers = root.of(LiveNamespace.Customers) as Emitter<CustomerServerEvents>;
    this.supervisors = root.of(LiveNamespace.Supervisors) as Emitter<SupervisorServerEvents>;
  }

  /** Resolves once Redis accepted every message; rejects if it did not (the outbox keeps the work). */
  async publishTicketEvents(ticket: PublishedTicket, events: TicketEvent[]): Promise<void> {
    await this.collectingPublishes(() => this.emitTicketEvents(ticket, events));
  }

  /** The supervisors' live figures to every supervisor socket; resolves once Redis accepted them. */
  async publishSupervisorMetrics(metrics: SupervisorLiveMetrics): Promise<void> {
    await this.collectingPublishes(() => this.supervisors.to(LiveRoom.supervisors).emit('metrics.changed', metrics));
  }

  private async collectingPublishes(emit: () => void): Promise<void> {
    const pending: Array<Promise<unknown>> = [];
    this.pending = pending;
    try {
      emit();
    } finally {
      this.pending = null;
    }
    await Promise.all(pending);
  }

  private emitTicketEvents(ticket: PublishedTicket, events: TicketEvent[]): void {
    const ticketRoom = LiveRoom.ticket(ticket.id);
    const queueRoom = ticket.teamId ? LiveRoom.team(ticket.teamId) : LiveRoom.unassignedQueue;
    for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
      const live = toLiveTicketEvent(event);
      this.agents.to(ticketRoom).emit('ticket.event', live);
      this.supervisors.to(LiveRoom.supervisors).emit('ticket.event', live);
      this.customers.to(ticketRoom).emit('ticket.event', toLiveCustomerEvent(ticket.code, event));
      // A held ticket joins the team queue when the bot lets go of it: for the queue that is its arrival
      // as a new ticket (a claim that ended the hold is told by its own `claimed` event).
      const change = event.type === 'bot_handed_over' ? (event.payload.reason === 'claimed' ? undefined : 'created') : QUEUE_CHANGES[event.type];
      if (change) {
        const queueChange: QueueChange = {
          ticketId: ticket.id,
          code: ticket.code,
          teamId: ticket.teamId,
          change,
          status: ticket.status,
          ownerId: ticket.owner?.id ?? null,
          ownerName: ticket.owner?.name ?? null,
          seq: event.seq,
        };
        // The owner hears it wherever their team is: a reopened ticket comes back into "My tickets".
        const rooms = ticket.owner ? [queueRoom, LiveRoom.agent(ticket.owner.id)] : [queueRoom];
        this.agents.to(rooms).emit('queue.changed', queueChange);
        this.supervisors.to(LiveRoom.supervisors).emit('queue.changed', queueChange);
      }
    }
  }

  /** Takes an agent's sockets out of a ticket they may no longer see (handed off to another team), on every gateway. */
  revokeTicketAccess(agentId: string, ticketId: string, reason: string): void {
    this.agents.in(LiveRoom.agent(agentId)).socketsLeave(LiveRoom.ticket(ticketId));
    this.agents.to(LiveRoom.agent(agentId)).emit('access.revoked', { reason, ticketId });
  }

  /** Resolves once Redis took the notices; each goes to its agent's room on every gateway. */
  async notifyAgents(notices: Array<{ agentId: string; notice: AgentNotification }>): Promise<void> {
    await this.collectingPublishes(() => {
      for (const { agentId, notice } of notices) this.agents.to(LiveRoom.agent(agentId)).emit('notification', notice);
    });
  }

  /** To the supervisors' list of failed sends, and to whoever has the ticket open (its delivery lines). */
  async notificationFailed(notification: FailedNotification): Promise<void> {
    await this.collectingPublishes(() => {
      this.supervisors.to(LiveRoom.supervisors).emit('notification.failed', notification);
      this.agents.to(LiveRoom.ticket(notification.ticketId)).emit('ticket.deliveries', { ticketId: notification.ticketId });
    });
  }

  /** A ticket's notifications changed with no event of its own (a failed one sent again). */
  async deliveriesChanged(ticketId: string): Promise<void> {
    await this.collectingPublishes(() => this.agents.to(LiveRoom.ticket(ticketId)).emit('ticket.deliveries', { ticketId }));
  }

  /** Drops every socket of an agent whose access ended (disabled), on every gateway. */
  revokeAgent(agentId: string, reason: string): void {
    this.agents.to(LiveRoom.agent(agentId)).emit('access.revoked', { reason });
    this.agents.in(LiveRoom.agent(agentId)).disconnectSockets(true);
  }
}
