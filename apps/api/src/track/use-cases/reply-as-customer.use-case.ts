import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { receiveCustomerReply, type AttachmentRef } from '@firsthand/domain';
import { AttachmentStore, type UploadRef } from '@firsthand/persistence';
import { TicketWriter, type TicketChangeResult } from '@firsthand/ticketing';
import { bindUploadsToMessage } from '../../attachments/message-uploads.js';
import { RequestLimits } from '../../limits/request-limits.js';
import { CustomerTicketAccess } from '../customer-ticket-access.js';

/**
 * The customer writes on their tracking page: a ticket waiting for them returns to open, a resolved
 * one within its reopen window is reopened. Their uploads are checked before the rule (the event names them) and bound in the same transaction.
 */
@Injectable()
export class ReplyAsCustomer {
  constructor(
    private readonly access: CustomerTicketAccess,
    private readonly writer: TicketWriter,
    private readonly attachments: AttachmentStore,
    private readonly limits: RequestLimits,
  ) {}

  async execute(code: string, token: string | undefined, input: { body: string; attachments?: UploadRef[] }, address: string): Promise<TicketChangeResult> {
    await this.limits.customerReplyFrom(address);
    const view = await this.access.open(code, token);
    // Counted per ticket only once the token opened it: knowing the code alone cannot spend the customer's allowance.
    await this.limits.customerReplyOn(view.id);
    const customer = { id: view.customer.id, name: view.customer.name };
    const messageId = randomUUID();
    const uploads = input.attachments ?? [];
    return this.writer.changeAsCustomer(
      view.id,
      async (ctx) => {
        const decide = (attachments: AttachmentRef[]) => receiveCustomerReply(ctx.ticket, customer, messageId, input.body, ctx.now, ctx.sla, ctx.windows, attachments);
        // The rule refuses first (a closed ticket, or one resolved past its reopen window), so a refused reply never looks at its uploads.
        const plain = decide([]);
        return uploads.length ? decide(await this.attachments.previewUploads(uploads, ctx.tx)) : plain;
      },
      bindUploadsToMessage(this.attachments, uploads, messageId, { visibility: 'public', addedBy: { type: 'customer', id: customer.id } }),
    );
  }
}
