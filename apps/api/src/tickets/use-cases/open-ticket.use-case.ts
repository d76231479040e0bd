import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { agentOnlyFieldsIn, UploadNotUsable, type ActingAgent } from '@firsthand/domain';
import { AttachmentStore, BotAnswers, TicketIntake, TicketQueries, type IdempotencyRecord, type TicketView } from '@firsthand/persistence';
import { TicketOpening, TicketWriter, UnknownTeam } from '@firsthand/ticketing';
import type { AutomaticAnswerView } from '@firsthand/http-contracts';
import type { EntityManager } from 'typeorm';
import { HttpProblem, RequestValidationFailed } from '../../http/problem.js';
import { TrackingTokens } from '../../track/tracking-tokens.js';
import type { OpenTicketDto } from '../dto/open-ticket.dto.js';

export interface OpenedTicketResult {
  ticket: TicketView;
  trackingToken: string;
  replayed: boolean;
  automaticAnswer: AutomaticAnswerView | null;
}

/** Rolls back a creation whose Idempotency-Key another request committed first. */
class IdempotencyKeyTaken extends Error {}

/**
 * Opens a ticket from the web form (unauthenticated) or by an agent on the customer's behalf: the
 * request's checks and its Idempotency-Key around the shared opening, in one transaction.
 */
@Injectable()
export class OpenTicket {
  constructor(
    private readonly writer: TicketWriter,
    private readonly opening: TicketOpening,
    private readonly intake: TicketIntake,
    private readonly queries: TicketQueries,
    private readonly tokens: TrackingTokens,
    private readonly attachments: AttachmentStore,
    private readonly botAnswers: BotAnswers,
  ) {}

  async execute(input: OpenTicketDto, agent: ActingAgent | null, idempotencyKey?: string): Promise<OpenedTicketResult> {
    if (!agent) {
      const refused = agentOnlyFieldsIn(input);
      if (refused.length > 0) throw new RequestValidationFailed(refused.map((field) => ({ field, messages: [`${field} can only be set by a signed-in agent`] })));
    }
    const scope = agent ? `agent:${agent.id}` : `customer:${(input.customer.email ?? input.customer.phone ?? '').toLowerCase()}`;
    const idempotency = idempotencyKey ? { scope, key: idempotencyKey, requestHash: requestHash(input) } : undefined;
    if (idempotency) {
      const replay = await this.replay(idempotency);
      if (replay) return replay;
    }
    const id = randomUUID();
    const trackingToken = this.tokens.forTicket(id);
    try {
      const { ticket, events } = await this.writer.open((tx, now) => this.create(tx, now, id, input, agent, trackingToken, idempotency));
      const answered = events.find((e) => e.type === 'bot_answered');
      const automaticAnswer = answered?.type === 'bot_answered' ? { articleId: answered.payload.articleId, title: answered.payload.title, locale: answered.payload.locale as 'en' | 'zh-CN' } : null;
      return { ticket, trackingToken, replayed: false, automaticAnswer };
    } catch (error) {
      // A twin request with the same key committed first: its key row (or its bound uploads, which
      // this one waited on) refused this one. The twin's answer is this one's.
      if (idempotency && (error instanceof IdempotencyKeyTaken || error instanceof UploadNotUsable)) {
        const replay = await this.replay(idempotency);
        if (replay) return replay;
      }
      throw error;
    }
  }

  private async replay(idempotency: IdempotencyRecord): Promise<OpenedTicketResult | null> {
    const earlier = await this.intake.findIdempotent(idempotency.scope, idempotency.key);
    if (!earlier) return null;
    if (earlier.requestHash !== idempotency.requestHash) {
      throw new HttpProblem(422, 'idempotency-key-reused', 'Idempotency-Key reused', 'This Idempotency-Key was already used for a different request.');
    }
    const ticket = await this.queries.view(earlier.ticketId);
    if (!ticket) throw new Error('Idempotency key points at a missing ticket');
    const answer = await this.botAnswers.forTicket(ticket.id);
    const automaticAnswer = answer ? { articleId: answer.articleId, title: answer.title, locale: answer.locale } : null;
    return { ticket, trackingToken: this.tokens.forTicket(ticket.id), replayed: true, automaticAnswer };
  }

  private async create(
    tx: EntityManager,
    now: Date,
    id: string,
    input: OpenTicketDto,
    agent: ActingAgent | null,
    trackingToken: string,
    idempotency?: IdempotencyRecord,
  ) {
    const uploads = input.attachments ?? [];
    const files = await this.attachments.previewUploads(uploads, tx);
    let opened;
    try {
      opened = await this.opening.openWithin(tx, now, { ...input, id, agent, trackingTokenHash: this.tokens.hash(trackingToken), attachments: files });
    } catch (error) {
      if (error instanceof UnknownTeam) throw new RequestValidationFailed([{ field: 'teamId', messages: ['teamId must name an existing team'] }]);
      throw error;
    }
    // The new-issue form's files belong to the opening event.
    await this.attachments.claimUploads(tx, uploads, {
      ticketId: id, eventSeq: opened.events[0].seq, messageId: null, visibility: 'public',
      addedBy: agent ? { type: 'agent', id: agent.id } : { type: 'customer', id: opened.customer.id },
    });
    if (idempotency && !(await this.intake.recordIdempotent(tx, idempotency, id, now))) throw new IdempotencyKeyTaken();
    return opened;
  }
}

function requestHash(input: OpenTicketDto): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}
