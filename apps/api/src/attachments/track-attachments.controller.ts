import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AttachmentStore } from '@firsthand/persistence';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { CustomerTicketAccess } from '../track/customer-ticket-access.js';
import { sendAttachment, type DownloadReply } from './attachment-download.js';
import { ApiFileDownload } from './dto/download.openapi.js';
import { attachmentNotFound } from './ticket-attachments.controller.js';

@ApiTags('customer tracking')
@ApiSecurity('trackingToken')
@Controller('api/track/:code/attachments')
export class TrackAttachmentsController {
  constructor(private readonly access: CustomerTicketAccess, private readonly attachments: AttachmentStore) {}

  @Get(':attachmentId')
  @ApiOperation({ summary: 'Download a public file of the ticket the tracking token opens; internal-note files do not exist here' })
  @ApiFileDownload()
  async download(
    @Param('code') code: string,
    @Param('attachmentId', uuidParam()) attachmentId: string,
    @Headers('x-tracking-token') token: string | undefined,
    @Res() reply: DownloadReply,
  ): Promise<void> {
    const ticket = await this.access.open(code, token);
    const record = await this.attachments.findVisible(ticket.id, attachmentId, 'customer');
    const bytes = record && (await this.attachments.openBytes(record));
    if (!record || !bytes) throw attachmentNotFound();
    sendAttachment(reply, record, bytes);
  }
}
