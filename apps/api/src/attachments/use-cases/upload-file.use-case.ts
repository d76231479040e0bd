import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import type { ActingAgent } from '@firsthand/domain';
import type { UploadedAttachment } from '@firsthand/http-contracts';
import { AttachmentStore } from '@firsthand/persistence';
import { readOneFile } from '../multipart-file.js';
import { RequestLimits } from '../../limits/request-limits.js';

/**
 * One file from the new-issue form, the tracking page or the console: counted against the client's
 * rate, read up to the file limit, sniffed and stored as a pending upload. Refused files leave nothing behind.
 */
@Injectable()
export class UploadFile {
  constructor(
    private readonly store: AttachmentStore,
    private readonly limits: RequestLimits,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  async execute(request: FastifyRequest, agent: ActingAgent | null): Promise<UploadedAttachment> {
    const client = agent ? `agent:${agent.id}` : `ip:${request.ip}`;
    await this.limits.upload(client);
    const file = await readOneFile(request, this.config.attachments.maxFileBytes);
    // Who uploads, kept with the pending file only as a keyed hash (an address is personal data) and cleared once it is attached.
    const uploader = createHmac('sha256', this.config.secret).update(`pending-upload:${client}`).digest('base64url');
    const staged = await this.store.stageUpload(file, agent ? { type: 'agent', id: agent.id } : { type: 'customer', id: null }, uploader);
    const { sha256: _internal, ...view } = staged.view;
    return { ...view, uploadToken: staged.uploadToken };
  }
}
