import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { UploadedAttachment } from '@firsthand/http-contracts';
import { AgentAuthGuard, bearerToken, unauthenticated } from '../auth/agent-auth.guard.js';
import { UploadedAttachmentSchema } from './dto/attachment.schema.js';
import { UploadFile } from './use-cases/upload-file.use-case.js';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

@ApiTags('attachments')
@Controller('api/uploads')
export class UploadsController {
  constructor(private readonly uploadFile: UploadFile, private readonly guard: AgentAuthGuard) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Upload one file to attach to a new issue, a reply or a note (customers without auth, agents with their token)',
    description: 'The type is sniffed from the bytes; a name that lies about it, executables, scripts, SVG and HTML are refused. Attach it within 24 hours by sending { id, uploadToken } in a message\'s attachments.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: UploadedAttachmentSchema })
  @ApiResponse({ status: 413, ...problem('Larger than FIRSTHAND_ATTACHMENT_MAX_FILE_BYTES; nothing stored') })
  @ApiResponse({ status: 415, ...problem('A type that is not taken, or a name that lies about it; nothing stored') })
  @ApiResponse({ status: 429, ...problem('Too many uploads from this address this minute (too-many-uploads), or too many of its uploads, or bytes, waiting to be attached (too-many-pending-uploads); nothing stored') })
  async upload(@Req() request: FastifyRequest): Promise<UploadedAttachment> {
    // A request that presents credentials must present valid ones: no silent fall-back to anonymous.
    const agent = bearerToken(request) === null ? null : await this.guard.authenticate(request);
    if (bearerToken(request) !== null && !agent) throw unauthenticated();
    return this.uploadFile.execute(request, agent);
  }
}
