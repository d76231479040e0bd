import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module.js';
import { CustomerTicketAccess } from './customer-ticket-access.js';
import { TrackController } from './track.controller.js';
import { ReplyAsCustomer } from './use-cases/reply-as-customer.use-case.js';

@Module({ imports: [TicketsModule], controllers: [TrackController], providers: [CustomerTicketAccess, ReplyAsCustomer], exports: [CustomerTicketAccess] })
export class TrackModule {}
