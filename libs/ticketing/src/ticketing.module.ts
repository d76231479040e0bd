import { Global, Module } from '@nestjs/common';
import { CommittedEventsPublisher } from './committed-events.publisher.js';
import { TicketOpening } from './ticket-opening.js';
import { TicketWriter } from './ticket-writer.js';

/** The one ticket write path and its live publishing, for every process that changes tickets. Needs PersistenceModule. */
@Global()
@Module({ providers: [TicketWriter, TicketOpening, CommittedEventsPublisher], exports: [TicketWriter, TicketOpening, CommittedEventsPublisher] })
export class TicketingModule {}
