import { Inject, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { isSupervisorRole, type ActingAgent } from '@firsthand/domain';
import { LiveNamespace, LiveRoom } from '@firsthand/realtime-contracts';
import type { Namespace, Socket } from 'socket.io';
import { LiveIdentity } from './live-identity.js';
import { SocketAccessReview, type AgentHeldSocket, type AgentSocketHolder } from './socket-access-review.js';
import { announceDrain, limitClientEvents } from './socket-guards.js';
import { SupervisorsWatchingBeacon } from './supervisors-watching-beacon.js';

/** `/supervisors`: every queue change and ticket event, for supervisors and admins only. */
@WebSocketGateway({ namespace: LiveNamespace.Supervisors })
export class SupervisorsGateway implements OnGatewayInit, OnGatewayConnection, BeforeApplicationShutdown, AgentSocketHolder {
  @WebSocketServer() private readonly nsp!: Namespace;
  private readonly logger = new Logger(SupervisorsGateway.name);

  constructor(
    private readonly identity: LiveIdentity,
    private readonly review: SocketAccessReview,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly watching: SupervisorsWatchingBeacon,
  ) {}

  afterInit(nsp: Namespace): void {
    this.review.register(this);
    this.watching.countWith(() => nsp.sockets.size);
    nsp.use((socket, next) => {
      const changesHeard = this.review.changesHeard;
      this.identity.agentFromToken(socket.handshake.auth?.token).then(
        (agent) => {
          if (!agent) return next(new Error('invalid-token'));
          if (!isSupervisorRole(agent.role)) return next(new Error('supervisor-role-required'));
          const { sessionId, ...acting } = agent;
          socket.data = { agent: acting, sessionId, changesHeard };
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

  async handleConnection(socket: Socket): Promise<void> {
    limitClientEvents(socket, this.config.gateway.clientEventsPer10s);
    await socket.join(LiveRoom.supervisors);
    // The API and the worker push live figures only while some gateway says a supervisor is watching.
    await this.watching.renew();
    // A demotion heard between the handshake's read and joining the room found no socket to re-check.
    if (this.review.changesHeard !== socket.data.changesHeard) void this.review.recheck(this, socket as AgentHeldSocket);
  }

  localSockets(agentId: string | null): AgentHeldSocket[] {
    const local = [...(this.nsp.sockets as Map<string, AgentHeldSocket>).values()];
    return agentId === null ? local : local.filter((socket) => socket.data.agent?.id === agentId);
  }

  /** Every ticket's events, internal notes included, are for supervisors only: anyone else is dropped at once. */
  async apply(socket: AgentHeldSocket, current: ActingAgent | null): Promise<void> {
    if (current && isSupervisorRole(current.role)) {
      socket.data.agent = current;
      return;
    }
    socket.emit('access.revoked', { reason: current ? 'You are no longer a supervisor.' : 'Your account was disabled.' });
    socket.disconnect(true);
  }
}
