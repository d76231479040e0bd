import { Module } from '@nestjs/common';
import { TagsController } from './tags.controller.js';
import { ChangeTicketTags } from './use-cases/change-ticket-tags.use-case.js';

/** Tags on tickets and their suggestions (issue 12). */
@Module({
  controllers: [TagsController],
  providers: [ChangeTicketTags],
  exports: [ChangeTicketTags],
})
export class TagsModule {}
