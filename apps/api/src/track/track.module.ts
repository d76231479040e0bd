import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module.js';
import { CustomerTicketAccess } from './customer-ticket-access.js';
import { TrackController } from './track.controller.js';

@Module({ imports: [TicketsModule], controllers: [TrackController], providers: [CustomerTicketAccess] })
export class TrackModule {}
