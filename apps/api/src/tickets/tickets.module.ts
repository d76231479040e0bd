import { Module } from '@nestjs/common';
import { TrackingTokens } from '../track/tracking-tokens.js';
import { TicketsController } from './tickets.controller.js';
import { ChangeTicketStatus } from './use-cases/change-ticket-status.use-case.js';
import { ClaimTicket } from './use-cases/claim-ticket.use-case.js';
import { EscalateTicket } from './use-cases/escalate-ticket.use-case.js';
import { HandOffTicket } from './use-cases/hand-off-ticket.use-case.js';
import { OpenTicket } from './use-cases/open-ticket.use-case.js';
import { PostAgentMessage } from './use-cases/post-agent-message.use-case.js';
import { ReassignTicket } from './use-cases/reassign-ticket.use-case.js';

@Module({
  controllers: [TicketsController],
  providers: [TrackingTokens, OpenTicket, ClaimTicket, PostAgentMessage, ChangeTicketStatus, HandOffTicket, ReassignTicket, EscalateTicket],
  exports: [TrackingTokens, OpenTicket, ClaimTicket, PostAgentMessage, ChangeTicketStatus, HandOffTicket],
})
export class TicketsModule {}
