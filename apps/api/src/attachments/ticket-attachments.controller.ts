import { Controller, Get, Param, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TicketNotFound } from '@firsthand/domain';
import { AttachmentStore, TicketQueries } from '@firsthand/persistence';
import { AgentAuthGuard } from '../auth/agent-auth.guard.js';
import type { AuthenticatedAgent } from '../auth/authenticated-agent.js';
import { CurrentAgent } from '../auth/current-agent.decorator.js';
import { HttpProblem } from '../http/problem.js';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { sendAttachment, type DownloadReply } from './attachment-download.js';
import { ApiFileDownload } from './dto/download.openapi.js';

export const attachmentNotFound = () => new HttpProblem(404, 'attachment-not-found', 'Attachment not found', 'No such attachment on this ticket.');

@ApiTags('attachments')
@Controller('api/tickets/:id/attachments')
export class TicketAttachmentsController {
  constructor(private readonly tickets: TicketQueries, private readonly attachments: AttachmentStore) {}

  @Get(':attachmentId')
  @UseGuards(AgentAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Download a file of a ticket the agent may see, internal-note files included' })
  @ApiFileDownload()
  async download(
    @CurrentAgent() agent: AuthenticatedAgent,
    @Param('id', uuidParam()) id: string,
    @Param('attachmentId', uuidParam()) attachmentId: string,
    @Res() reply: DownloadReply,
  ): Promise<void> {
    if (!(await this.tickets.visibleTo(id, agent))) throw new TicketNotFound();
    const record = await this.attachments.findVisible(id, attachmentId, 'agent');
    const bytes = record && (await this.attachments.openBytes(record));
    if (!record || !bytes) throw attachmentNotFound();
    sendAttachment(reply, record, bytes);
  }
}
