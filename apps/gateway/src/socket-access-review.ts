import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import type { ActingAgent } from '@firsthand/domain';
import { AgentPrincipals, TICKET_VIEW_CHANGED_CHANNEL, type AgentPrincipal } from '@firsthand/persistence';
import { LiveRoom } from '@firsthand/realtime-contracts';
import type { Socket } from 'socket.io';

/** A socket opened by an agent (on `/agents` or `/supervisors`), holding who they were at the handshake or the last re-check. */
export type AgentHeldSocket = Socket & { data: { agent: ActingAgent; sessionId: string } };

/** A namespace of agents' sockets, which knows what a socket may hear for the agent as stored now. */
export interface AgentSocketHolder {
  /** This node's sockets of one agent; every agent's when `agentId` is null. */
  localSockets(agentId: string | null): AgentHeldSocket[];
  /** Brings one socket in line with the agent as stored now (`null`: disabled, locked, gone, or its session ended). */
  apply(socket: AgentHeldSocket, current: ActingAgent | null): Promise<void>;
  /** This node's sockets in a ticket's room (none where the namespace has no ticket rooms). */
  followersOf?(ticketId: string): AgentHeldSocket[];
  /** Takes the socket out of the ticket's room (told `access.revoked`) unless its agent may still see the ticket. */
  reviewTicket?(socket: AgentHeldSocket, ticketId: string): Promise<void>;
}

/** The feed of agent changes is kept open this often, so a lost LISTEN is reopened (and everything re-checked) on a quiet node too. */
const FEED_KEEPALIVE_MS = 2000;

/**
 * Open sockets follow an agent's role, team and status while connected. Each gateway node hears
 * every committed change of an agent from PostgreSQL (the agent-change feed the principal cache
 * already listens to, so it needs neither Redis nor the API to be up) and re-derives that agent's
 * sockets on this node; when the feed was lost, or on a timer, it compares every open socket with
 * the stored agents and re-derives the ones that differ. On the same connection it hears every
 * committed change to a ticket's row or watchers, and re-checks the sockets following that ticket:
 * whoever lost sight of it (handed away, a declined or withdrawn handoff, reassigned past them, moved
 * to another team) leaves its room, however the change was made and whether or not Redis was up.
 */
@Injectable()
export class SocketAccessReview implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SocketAccessReview.name);
  private readonly holders: AgentSocketHolder[] = [];
  /** One re-check at a time per socket, each reading the agent afresh, so an older read never lands after a newer one. */
  private readonly queued = new WeakMap<AgentHeldSocket, Promise<void>>();
  private readonly timers: NodeJS.Timeout[] = [];
  private unsubscribe?: () => void;
  private changes = 0;
  private ticketChanges = 0;
  private lastWarning = 0;

  constructor(
    private readonly principals: AgentPrincipals,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  register(holder: AgentSocketHolder): void {
    this.holders.push(holder);
  }

  /**
   * Agent changes heard so far. A handshake reads it before checking the token: if it moved by the
   * time the socket has joined its rooms, a change may have slipped past the socket, which is re-checked.
   */
  get changesHeard(): number {
    return this.changes;
  }

  /** Ticket changes heard so far: a follow reads it before its visibility check, and re-checks if it moved before the join. */
  get ticketChangesHeard(): number {
    return this.ticketChanges;
  }

  onApplicationBootstrap(): void {
    this.unsubscribe = this.principals.onChange((agentId) => {
      this.changes++;
      if (agentId) this.recheckAgent(agentId);
      else {
        // The feed was lost: ticket changes may have gone unheard too.
        this.ticketChanges++;
        void this.compareAll();
        this.recheckEveryFollow();
      }
    });
    this.principals.followNotices(TICKET_VIEW_CHANGED_CHANNEL, (ticketId) => {
      this.ticketChanges++;
      // `*`: a customer's shown fields, which decide nobody's access.
      if (ticketId !== '*') this.recheckTicket(ticketId);
    });
    this.timers.push(setInterval(() => void this.principals.inSync().catch(() => false), FEED_KEEPALIVE_MS));
    this.timers.push(setInterval(() => void this.compareAll(), this.config.gateway.accessRecheckSeconds * 1000));
    for (const timer of this.timers) timer.unref();
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    for (const timer of this.timers) clearInterval(timer);
  }

  /** Re-derives one socket from the agent as stored now, after any re-check of it already under way. */
  recheck(holder: AgentSocketHolder, socket: AgentHeldSocket): Promise<void> {
    return this.inTurn(socket, async () => {
      const current = await this.principals.findSignedIn(socket.data.agent.id, socket.data.sessionId);
      await holder.apply(socket, current && actingAgent(current));
    });
  }

  /** Re-checks one socket's sight of one ticket, in line with its other re-checks. */
  recheckFollow(holder: AgentSocketHolder, socket: AgentHeldSocket, ticketId: string): Promise<void> {
    return this.inTurn(socket, async () => holder.reviewTicket?.(socket, ticketId));
  }

  /** Runs `work` on a still connected socket after the re-checks of it already queued. */
  private inTurn(socket: AgentHeldSocket, work: () => Promise<void>): Promise<void> {
    const next = (this.queued.get(socket) ?? Promise.resolve())
      .then(() => (socket.connected ? work() : undefined))
      .catch((error: Error) => this.warn(error));
    this.queued.set(socket, next);
    return next;
  }

  private recheckTicket(ticketId: string): void {
    for (const holder of this.holders) for (const socket of holder.followersOf?.(ticketId) ?? []) void this.recheckFollow(holder, socket, ticketId);
  }

  private recheckEveryFollow(): void {
    for (const holder of this.holders) {
      if (!holder.reviewTicket) continue;
      for (const socket of holder.localSockets(null)) {
        for (const ticketId of followedTickets(socket)) void this.recheckFollow(holder, socket, ticketId);
      }
    }
  }

  private recheckAgent(agentId: string): void {
    for (const holder of this.holders) for (const socket of holder.localSockets(agentId)) void this.recheck(holder, socket);
  }

  /** One read for every agent with a socket here; only sockets that differ from the stored agent are re-derived. */
  private async compareAll(): Promise<void> {
    try {
      const open = this.holders.flatMap((holder) => holder.localSockets(null).map((socket) => ({ holder, socket })));
      if (open.length === 0) return;
      const stored = await this.principals.findSignedInAmong([...new Set(open.map(({ socket }) => socket.data.sessionId))]);
      for (const { holder, socket } of open) {
        const current = stored.get(socket.data.sessionId);
        if (!current || !sameAccess(socket.data.agent, current)) void this.recheck(holder, socket);
      }
    } catch (error) {
      this.warn(error as Error);
    }
  }

  private warn(error: Error): void {
    if (Date.now() - this.lastWarning < 10_000) return;
    this.lastWarning = Date.now();
    this.logger.warn(`Open sockets not re-checked against the agents' access (${error.message}); the next change or timer tries again`);
  }
}

const TICKET_ROOM_PREFIX = LiveRoom.ticket('');

/** The tickets whose rooms a socket is in. */
export function followedTickets(socket: Socket): string[] {
  return [...socket.rooms].filter((room) => room.startsWith(TICKET_ROOM_PREFIX)).map((room) => room.slice(TICKET_ROOM_PREFIX.length));
}

function actingAgent(principal: AgentPrincipal): ActingAgent {
  return { id: principal.id, name: principal.name, role: principal.role, teamId: principal.teamId };
}

function sameAccess(held: ActingAgent, stored: ActingAgent): boolean {
  return held.role === stored.role && held.teamId === stored.teamId && held.name === stored.name;
}
