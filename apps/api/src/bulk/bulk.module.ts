import { Module } from '@nestjs/common';
import { BulkTicketsController } from './bulk-tickets.controller.js';
import { BulkTicketAction } from './use-cases/bulk-ticket-action.use-case.js';

/** Supervisors' bulk actions on tickets (issue 12). */
@Module({
  controllers: [BulkTicketsController],
  providers: [BulkTicketAction],
})
export class BulkModule {}
