import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  agentOnlyFieldsIn,
  findRepeatContactOrigin,
  newTicketCode,
  openTicket,
  repeatContactCutoff,
  watchersAtOpening,
  type Actor,
  type ActingAgent,
} from '@firsthand/domain';
import { AttachmentStore, escalationWatchers, readSlaTargets, TicketIntake, TicketQueries, TicketStore, type IdempotencyRecord, type StoredTicketEvent, type TicketView } from '@firsthand/persistence';
import { TicketWriter } from '@firsthand/ticketing';
import type { EntityManager } from 'typeorm';
import { HttpProblem, RequestValidationFailed } from '../../http/problem.js';
import { TrackingTokens } from '../../track/tracking-tokens.js';
import type { OpenTicketDto } from '../dto/open-ticket.dto.js';

export interface OpenedTicketResult {
  ticket: TicketView;
  trackingToken: string;
  replayed: boolean;
}

/** Rolls back a creation whose Idempotency-Key another request committed first. */
class IdempotencyKeyTaken extends Error {}

const CODE_ATTEMPTS = 8;

/**
 * Opens a ticket for a customer (unauthenticated) or by an agent on the customer's behalf. Finds or
 * creates the customer, links a repeat contact, and records everything in one transaction.
 */
@Injectable()
export class OpenTicket {
  constructor(
    private readonly writer: TicketWriter,
    private readonly intake: TicketIntake,
    private readonly store: TicketStore,
    private readonly queries: TicketQueries,
    private readonly tokens: TrackingTokens,
    private readonly attachments: AttachmentStore,
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
      const { ticket } = await this.writer.open((tx, now) => this.create(tx, now, id, input, agent, trackingToken, idempotency));
      return { ticket, trackingToken, replayed: false };
    } catch (error) {
      if (error instanceof IdempotencyKeyTaken && idempotency) {
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
    return { ticket, trackingToken: this.tokens.forTicket(ticket.id), replayed: true };
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
    const customer = await this.intake.upsertCustomer(tx, input.customer, agent !== null);
    const repeatOf = findRepeatContactOrigin(await this.intake.earlierTickets(tx, customer.id, repeatContactCutoff(now, this.writer.windows)), now, this.writer.windows);
    if (input.teamId && !(await this.intake.teamExists(tx, input.teamId))) {
      throw new RequestValidationFailed([{ field: 'teamId', messages: ['teamId must name an existing team'] }]);
    }
    const teamId = input.teamId ?? repeatOf?.teamId ?? (await this.intake.defaultTeamId(tx));
    const kind = input.kind ?? 'question';
    const priority = input.priority ?? 'normal';
    const channel = input.channel ?? 'web';
    const openedBy: Actor = agent ? { type: 'agent', id: agent.id, name: agent.name } : { type: 'customer', id: customer.id, name: customer.name };
    const sla = await readSlaTargets(tx, priority, customer.tier);
    const uploads = input.attachments ?? [];
    const files = await this.attachments.previewUploads(uploads, tx);

    let events: StoredTicketEvent[] | null = null;
    let opened: ReturnType<typeof openTicket> | null = null;
    for (let attempt = 1; events === null; attempt++) {
      if (attempt > CODE_ATTEMPTS) throw new Error('Could not find a free ticket code');
      const code = newTicketCode();
      opened = openTicket({ code, subject: input.subject, channel, kind, priority, tier: customer.tier, openedBy, repeatOf, now, attachments: files }, sla, id);
      events = await this.store.insert(
        tx,
        {
          id, code, trackingTokenHash: this.tokens.hash(trackingToken), subject: input.subject, description: input.description,
          channel, kind, priority, tier: customer.tier, teamId, customerId: customer.id,
          repeatOfTicketId: opened.repeatOfTicketId, offeredToId: opened.offeredToId, createdAt: now,
          firstResponseDueAt: opened.firstResponseDueAt, resolutionDueAt: opened.resolutionDueAt, tags: input.tags ?? [],
        },
        opened.events,
      );
    }
    // The new-issue form's files belong to the opening event.
    await this.attachments.claimUploads(tx, uploads, {
      ticketId: id, eventSeq: events[0]!.seq, messageId: null, visibility: 'public', addedBy: { type: openedBy.type, id: openedBy.id },
    });
    const watchers = kind === 'complaint' ? watchersAtOpening(kind, await escalationWatchers(tx, teamId, ['supervisor'])) : [];
    await this.store.addWatchers(tx, id, watchers, 'complaint', now);
    const alsoChanged = [];
    const originEvent = opened?.repeatOriginEvent;
    if (repeatOf && originEvent) {
      alsoChanged.push({ ticketId: repeatOf.id, events: await this.writer.changeWithin(tx, repeatOf.id, () => ({ patch: {}, events: [originEvent] })) });
    }
    if (idempotency && !(await this.intake.recordIdempotent(tx, idempotency, id, now))) throw new IdempotencyKeyTaken();
    return { ticketId: id, events, alsoChanged };
  }
}

function requestHash(input: OpenTicketDto): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}
