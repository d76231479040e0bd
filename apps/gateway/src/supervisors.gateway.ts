import { Inject, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { isSupervisorRole } from '@firsthand/domain';
import { LiveNamespace, LiveRoom } from '@firsthand/realtime-contracts';
import type { Namespace, Socket } from 'socket.io';
import { LiveIdentity } from './live-identity.js';
import { announceDrain, limitClientEvents } from './socket-guards.js';

/** `/supervisors`: every queue change and ticket event, for supervisors and admins only. */
@WebSocketGateway({ namespace: LiveNamespace.Supervisors })
export class SupervisorsGateway implements OnGatewayInit, OnGatewayConnection, BeforeApplicationShutdown {
  @WebSocketServer() private readonly nsp!: Namespace;
  private readonly logger = new Logger(SupervisorsGateway.name);

  constructor(private readonly identity: LiveIdentity, @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig) {}

  afterInit(nsp: Namespace): void {
    nsp.use((socket, next) => {
      this.identity.agentFromToken(socket.handshake.auth?.token).then(
        (agent) => {
          if (!agent) return next(new Error('invalid-token'));
          if (!isSupervisorRole(agent.role)) return next(new Error('supervisor-role-required'));
          socket.data = { agent };
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
  }
}
