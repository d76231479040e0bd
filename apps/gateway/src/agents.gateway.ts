import { Inject, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import type { ActingAgent } from '@firsthand/domain';
import { LiveNamespace, LiveRoom, type AgentServerEvents, type CatchUp, type LiveTicketEvent } from '@firsthand/realtime-contracts';
import type { Namespace, Socket } from 'socket.io';
import { AgentPresenceKeeper } from './agent-presence-keeper.js';
import { LiveIdentity } from './live-identity.js';
import { PresenceBoard } from './presence-board.js';
import { announceDrain, isSeq, isUuid, limitClientEvents } from './socket-guards.js';
import { followedTickets, SocketAccessReview, type AgentHeldSocket, type AgentSocketHolder } from './socket-access-review.js';
import { TicketCatchUp } from './ticket-catch-up.js';

interface AgentSocketData {
  agent: ActingAgent;
  /** The sign-in session of the handshake's token: the socket closes when it ends. */
  sessionId: string;
  presenceTickets: Set<string>;
  /** `SocketAccessReview.changesHeard` before the handshake read the agent. */
  changesHeard: number;
}
type AgentSocket = Socket<Record<string, never>, AgentServerEvents, Record<string, never>, AgentSocketData>;

/** `/agents`: the team queue, the agent's own room, and tickets the agent may see, live. */
@WebSocketGateway({ namespace: LiveNamespace.Agents })
export class AgentsGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, BeforeApplicationShutdown, AgentSocketHolder {
  private readonly logger = new Logger(AgentsGateway.name);
  @WebSocketServer() private readonly nsp!: Namespace;

  constructor(
    private readonly identity: LiveIdentity,
    private readonly catchUp: TicketCatchUp,
    private readonly presence: PresenceBoard,
    private readonly review: SocketAccessReview,
    private readonly agentPresence: AgentPresenceKeeper,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  afterInit(nsp: Namespace): void {
    this.review.register(this);
    this.agentPresence.watch(() => [...(nsp.sockets as Map<string, AgentSocket>).values()].flatMap((s) => (s.data?.agent ? [{ socketId: s.id, agentId: s.data.agent.id }] : [])));
    nsp.use((socket, next) => {
      const changesHeard = this.review.changesHeard;
      this.identity.agentFromToken(socket.handshake.auth?.token).then(
        (agent) => {
          if (!agent) return next(new Error('invalid-token'));
          const { sessionId, ...acting } = agent;
          socket.data = { agent: acting, sessionId, presenceTickets: new Set<string>(), changesHeard } satisfies AgentSocketData;
          next();
        },
        (error: Error) => {
          this.logger.warn(`handshake check failed: ${error.message}`);
          next(new Error('unavailable'));
        },
      );
    });
  }

  beforeApplicationShutdown(): Promise<void> {
    return announceDrain(this.nsp);
  }

  async handleConnection(socket: AgentSocket): Promise<void> {
    const { agent } = socket.data;
    limitClientEvents(socket, this.config.gateway.clientEventsPer10s);
    await socket.join([LiveRoom.agent(agent.id), queueRoom(agent)]);
    // A console open makes its agent present (online or away, as they chose).
    await this.agentPresence.opened(socket.id, agent.id);
    // Gone while its row was written: its disconnect may have deleted nothing yet.
    if (socket.disconnected) await this.agentPresence.closed(socket.id);
    // A change heard between the handshake's read and joining the rooms found no socket to re-check.
    if (this.review.changesHeard !== socket.data.changesHeard) void this.review.recheck(this, socket as AgentHeldSocket);
  }

  localSockets(agentId: string | null): AgentHeldSocket[] {
    const local = this.nsp.sockets as Map<string, AgentHeldSocket>;
    if (agentId === null) return [...local.values()];
    return [...(this.nsp.adapter.rooms.get(LiveRoom.agent(agentId)) ?? [])].flatMap((id) => local.get(id) ?? []);
  }

  /**
   * The agent's role, team or status changed: a disabled agent is dropped; otherwise the socket moves
   * to the new team's queue and leaves every followed ticket the agent may no longer see.
   */
  async apply(held: AgentHeldSocket, current: ActingAgent | null): Promise<void> {
    const socket = held as unknown as AgentSocket;
    if (!current) {
      socket.emit('access.revoked', { reason: 'Your account was disabled.' });
      socket.disconnect(true);
      return;
    }
    const before = socket.data.agent;
    socket.data.agent = current;
    if (queueRoom(before) !== queueRoom(current)) {
      await socket.join(queueRoom(current));
      await socket.leave(queueRoom(before));
    }
    for (const ticketId of followedTickets(socket)) await this.leaveUnlessVisible(socket, ticketId);
    if (before.role !== current.role || before.teamId !== current.teamId) socket.emit('access.changed', { role: current.role, teamId: current.teamId });
  }

  followersOf(ticketId: string): AgentHeldSocket[] {
    const local = this.nsp.sockets as Map<string, AgentHeldSocket>;
    return [...(this.nsp.adapter.rooms.get(LiveRoom.ticket(ticketId)) ?? [])].flatMap((id) => local.get(id) ?? []);
  }

  /** The ticket changed: a follower whose agent may no longer see it leaves its room. */
  async reviewTicket(held: AgentHeldSocket, ticketId: string): Promise<void> {
    await this.leaveUnlessVisible(held as unknown as AgentSocket, ticketId);
  }

  private async leaveUnlessVisible(socket: AgentSocket, ticketId: string): Promise<void> {
    if (!socket.rooms.has(LiveRoom.ticket(ticketId))) return;
    if (await this.identity.tickets.isVisible(ticketId, socket.data.agent)) return;
    await socket.leave(LiveRoom.ticket(ticketId));
    if (socket.data.presenceTickets.has(ticketId)) await this.setPresence(socket, ticketId, 'gone').catch(() => undefined);
    socket.emit('access.revoked', { reason: 'You may no longer see this ticket.', ticketId });
  }

  async handleDisconnect(socket: AgentSocket): Promise<void> {
    await this.agentPresence.closed(socket.id);
    for (const ticketId of socket.data?.presenceTickets ?? []) {
      await this.presence.remove(ticketId, socket.id).catch(() => undefined);
      await this.broadcastPresence(ticketId);
    }
  }

  /** Join a ticket's room (if the agent may see it), then answer with what happened after `afterSeq`. */
  @SubscribeMessage('ticket.follow')
  async follow(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: { ticketId?: unknown; afterSeq?: unknown }): Promise<CatchUp<LiveTicketEvent>> {
    if (!isUuid(body?.ticketId) || !isSeq(body?.afterSeq)) return { ok: false, error: 'invalid-request' };
    const heard = { tickets: this.review.ticketChangesHeard, agents: this.review.changesHeard, as: socket.data.agent };
    const allowed = await this.identity.tickets.isVisible(body.ticketId, socket.data.agent);
    if (!allowed) return { ok: false, error: 'not-found' };
    await socket.join(LiveRoom.ticket(body.ticketId));
    // A change to the ticket or to the agent heard between the check and the join found this socket
    // not yet in the room: checked again (after any re-check of the agent already under way).
    const moved = this.review.ticketChangesHeard !== heard.tickets || this.review.changesHeard !== heard.agents || socket.data.agent !== heard.as;
    if (moved) await this.review.recheckFollow(this, socket as AgentHeldSocket, body.ticketId);
    if (!socket.rooms.has(LiveRoom.ticket(body.ticketId))) return { ok: false, error: 'not-found' };
    const answer = await this.catchUp.forAgents(body.ticketId, body.afterSeq);
    const presence = await this.presence.list(body.ticketId).catch(() => []);
    socket.emit('presence', { ticketId: body.ticketId, agents: presence });
    return answer;
  }

  @SubscribeMessage('ticket.unfollow')
  async unfollow(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: { ticketId?: unknown }): Promise<{ ok: boolean }> {
    if (!isUuid(body?.ticketId)) return { ok: false };
    await socket.leave(LiveRoom.ticket(body.ticketId));
    await this.setPresence(socket, body.ticketId, 'gone');
    return { ok: true };
  }

  /** "Li is viewing / typing", shared through Redis so every node shows it. */
  @SubscribeMessage('presence.set')
  async presenceSet(@ConnectedSocket() socket: AgentSocket, @MessageBody() body: { ticketId?: unknown; state?: unknown }): Promise<{ ok: boolean; error?: string }> {
    if (!isUuid(body?.ticketId) || !['viewing', 'typing', 'gone'].includes(body?.state as string)) return { ok: false, error: 'invalid-request' };
    if (!socket.rooms.has(LiveRoom.ticket(body.ticketId))) return { ok: false, error: 'follow-the-ticket-first' };
    await this.setPresence(socket, body.ticketId, body.state as 'viewing' | 'typing' | 'gone');
    return { ok: true };
  }

  private async setPresence(socket: AgentSocket, ticketId: string, state: 'viewing' | 'typing' | 'gone'): Promise<void> {
    const { agent } = socket.data;
    if (state === 'gone') {
      socket.data.presenceTickets.delete(ticketId);
      await this.presence.remove(ticketId, socket.id);
    } else {
      socket.data.presenceTickets.add(ticketId);
      await this.presence.set(ticketId, socket.id, { agentId: agent.id, agentName: agent.name, state });
    }
    await this.broadcastPresence(ticketId);
  }

  private async broadcastPresence(ticketId: string): Promise<void> {
    const agents = await this.presence.list(ticketId).catch(() => null);
    if (agents) this.nsp.to(LiveRoom.ticket(ticketId)).emit('presence', { ticketId, agents });
  }
}

function queueRoom(agent: ActingAgent): string {
  return agent.teamId ? LiveRoom.team(agent.teamId) : LiveRoom.unassignedQueue;
}
