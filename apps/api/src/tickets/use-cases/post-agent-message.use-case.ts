import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { postAgentMessage, type ActingAgent, type AgentMessageInput, type AttachmentRef } from '@firsthand/domain';
import { AssistStore, AttachmentStore, type AssistSuggestion, type UploadRef } from '@firsthand/persistence';
import { TicketWriter, type TicketChangeResult, type WithinChange } from '@firsthand/ticketing';
import { RequestValidationFailed } from '../../http/problem.js';
import { bindUploadsToMessage } from '../../attachments/message-uploads.js';

export type AgentMessageRequest = Omit<AgentMessageInput, 'messageId' | 'attachments'> & { attachments?: UploadRef[]; suggestion?: AssistSuggestion };

/**
 * A public reply from the owner, or an internal note from any agent who can see the ticket. A public
 * reply on an unowned ticket claims it first, in the same transaction: answering is taking ownership.
 * Its uploads are checked before the rule (the event names them) and bound in the same transaction,
 * as is the assist suggestion it used (checked first: a suggestion the agent may not use is a 400).
 */
@Injectable()
export class PostAgentMessage {
  constructor(private readonly tickets: TicketWriter, private readonly attachments: AttachmentStore, private readonly assist: AssistStore) {}

  async execute(ticketId: string, agent: ActingAgent, input: AgentMessageRequest): Promise<TicketChangeResult> {
    const messageId = randomUUID();
    const { attachments: uploads, suggestion, ...message } = input;
    if (suggestion && !(await this.assist.isUsable(agent, ticketId, suggestion))) {
      throw new RequestValidationFailed([{ field: 'suggestion.id', messages: [suggestion.kind === 'article' ? 'no such published article' : 'no such solved ticket you may see (other than this one)'] }]);
    }
    const bindUploads = bindUploadsToMessage(this.attachments, uploads, messageId, { visibility: input.visibility, addedBy: { type: 'agent', id: agent.id } });
    const within: WithinChange = async (tx, events) => {
      await bindUploads?.(tx, events);
      if (suggestion) await this.assist.recordUse(tx, { ticketId, messageId, agentId: agent.id, suggestion });
    };
    return this.tickets.changeAsAgent(
      ticketId,
      agent,
      async (ctx) => {
        const decide = (attachments: AttachmentRef[]) => postAgentMessage(ctx.ticket, agent, { ...message, messageId, attachments }, ctx);
        // The rule refuses first (not the owner, a closed ticket), so a refused act never looks at its uploads.
        const plain = decide([]);
        return uploads?.length ? decide(await this.attachments.previewUploads(uploads, ctx.tx)) : plain;
      },
      {
        expectedSeq: input.expectedSeq,
        claimIfUnowned: input.visibility === 'public',
        within,
      },
    );
  }
}
