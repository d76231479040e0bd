import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module.js';
import { TrackModule } from '../track/track.module.js';
import { TicketAttachmentsController } from './ticket-attachments.controller.js';
import { TrackAttachmentsController } from './track-attachments.controller.js';
import { UploadsController } from './uploads.controller.js';
import { UploadFile } from './use-cases/upload-file.use-case.js';

/** Uploads and downloads; attaching happens in the message use cases (tickets/, track/) through AttachmentStore. */
@Module({
  imports: [HealthModule, TrackModule],
  controllers: [UploadsController, TicketAttachmentsController, TrackAttachmentsController],
  providers: [UploadFile],
})
export class AttachmentsModule {}
