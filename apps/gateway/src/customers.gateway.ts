import { Inject, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { LiveNamespace, LiveRoom, type CatchUp, type CustomerServerEvents, type LiveCustomerEvent } from '@firsthand/realtime-contracts';
import type { Namespace, Socket } from 'socket.io';
import { LiveIdentity, type CustomerTicketIdentity } from './live-identity.js';
import { announceDrain, isSeq, limitClientEvents } from './socket-guards.js';
import { TicketCatchUp } from './ticket-catch-up.js';

type CustomerSocket = Socket<Record<string, never>, CustomerServerEvents, Record<string, never>, { ticket: CustomerTicketIdentity }>;

/** `/customers`: a tracking token opens one ticket's public stream and nothing else. */
@WebSocketGateway({ namespace: LiveNamespace.Customers })
export class CustomersGateway implements OnGatewayInit, OnGatewayConnection, BeforeApplicationShutdown {
  @WebSocketServer() private readonly nsp!: Namespace;
  private readonly logger = new Logger(CustomersGateway.name);

  constructor(private readonly identity: LiveIdentity, private readonly catchUp: TicketCatchUp, @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig) {}

  afterInit(nsp: Namespace): void {
    nsp.use((socket, next) => {
      const auth = socket.handshake.auth ?? {};
      this.identity.customerTicket(auth.code, auth.token).then(
        (ticket) => {
          if (!ticket) return next(new Error('invalid-tracking-token'));
          socket.data = { ticket };
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

  async handleConnection(socket: CustomerSocket): Promise<void> {
    limitClientEvents(socket, this.config.gateway.clientEventsPer10s);
    await socket.join(LiveRoom.ticket(socket.data.ticket.ticketId));
  }

  @SubscribeMessage('ticket.catch-up')
  async catchUpFor(@ConnectedSocket() socket: CustomerSocket, @MessageBody() body: { afterSeq?: unknown }): Promise<CatchUp<LiveCustomerEvent>> {
    if (!isSeq(body?.afterSeq)) return { ok: false, error: 'invalid-request' };
    const { ticketId, code } = socket.data.ticket;
    return this.catchUp.forCustomer(ticketId, code, body.afterSeq);
  }
}
