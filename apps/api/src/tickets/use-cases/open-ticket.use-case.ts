import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import {
  findRepeatContactOrigin,
  newTicketCode,
  openTicket,
  repeatContactCutoff,
  type Actor,
  type ActingAgent,
  type EarlierTicket,
  type TicketDecision,
} from '@firsthand/domain';
import { escalationWatchers, readSlaTargets, SqlRunner, TeamEntity, type StoredTicketEvent, type TicketView } from '@firsthand/persistence';
import type { EntityManager } from 'typeorm';
import { HttpProblem, RequestValidationFailed } from '../../http/problem.js';
import { TrackingTokens } from '../../track/tracking-tokens.js';
import type { OpenTicketDto } from '../dto/open-ticket.dto.js';
import { TicketUnitOfWork } from '../ticket-unit-of-work.js';

export interface OpenedTicketResult {
  ticket: TicketView;
  trackingToken: string;
  replayed: boolean;
}

/** Rolls back a creation whose Idempotency-Key another request committed first. */
class IdempotencyKeyTaken extends Error {}

const AGENT_ONLY_FIELDS = ['priority', 'teamId', 'tags'] as const;
const CODE_ATTEMPTS = 8;

/**
 * Opens a ticket for a customer (unauthenticated) or by an agent on the customer's behalf. Finds or
 * creates the customer, links a repeat contact, and records everything in one transaction.
 */
@Injectable()
export class OpenTicket {
  constructor(
    private readonly uow: TicketUnitOfWork,
    private readonly tokens: TrackingTokens,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  async execute(input: OpenTicketDto, agent: ActingAgent | null, idempotencyKey?: string): Promise<OpenedTicketResult> {
    if (!agent) this.refuseAgentOnlyFields(input);
    const scope = agent ? `agent:${agent.id}` : `customer:${(input.customer.email ?? input.customer.phone ?? '').toLowerCase()}`;
    const idempotency = idempotencyKey ? { scope, key: idempotencyKey, requestHash: requestHash(input) } : undefined;
    if (idempotency) {
      const replay = await this.replay(idempotency);
      if (replay) return replay;
    }
    const id = randomUUID();
    const trackingToken = this.tokens.forTicket(id);
    try {
      const { ticket } = await this.uow.transact((em) => this.create(em, id, input, agent, trackingToken, idempotency));
      return { ticket, trackingToken, replayed: false };
    } catch (error) {
      if (error instanceof IdempotencyKeyTaken && idempotency) {
        const replay = await this.replay(idempotency);
        if (replay) return replay;
      }
      throw error;
    }
  }

  private refuseAgentOnlyFields(input: OpenTicketDto): void {
    const present: Array<{ field: string; messages: string[] }> = AGENT_ONLY_FIELDS.filter((field) => input[field] !== undefined).map((field) => ({
      field,
      messages: [`${field} can only be set by a signed-in agent`],
    }));
    if (input.customer.tier !== undefined) present.push({ field: 'customer.tier', messages: ['customer.tier can only be set by a signed-in agent'] });
    if (present.length > 0) throw new RequestValidationFailed(present);
  }

  private async replay(idempotency: { scope: string; key: string; requestHash: string }): Promise<OpenedTicketResult | null> {
    const rows: Array<{ request_hash: string; ticket_id: string }> = await this.uow.db.query(
      `SELECT request_hash, ticket_id FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [idempotency.scope, idempotency.key],
    );
    if (rows.length === 0) return null;
    if (rows[0].request_hash !== idempotency.requestHash) {
      throw new HttpProblem(422, 'idempotency-key-reused', 'Idempotency-Key reused', 'This Idempotency-Key was already used for a different request.');
    }
    const ticket = await this.uow.readModel.findById(this.uow.db.manager, rows[0].ticket_id);
    if (!ticket) throw new Error('Idempotency key points at a missing ticket');
    return { ticket, trackingToken: this.tokens.forTicket(ticket.id), replayed: true };
  }

  private async create(
    em: EntityManager,
    id: string,
    input: OpenTicketDto,
    agent: ActingAgent | null,
    trackingToken: string,
    idempotency?: { scope: string; key: string; requestHash: string },
  ): Promise<{ ticket: TicketView; events: StoredTicketEvent[] }> {
    const sql = SqlRunner.of(em);
    const now = this.uow.now();
    const customer = await this.upsertCustomer(sql, input, agent !== null);
    const repeatOf = findRepeatContactOrigin(await this.earlierTickets(sql, customer.id, now), now, this.config.windows);
    const teamId = input.teamId ?? repeatOf?.teamId ?? (await this.defaultTeamId(em));
    if (input.teamId && !(await em.existsBy(TeamEntity, { id: input.teamId }))) {
      throw new RequestValidationFailed([{ field: 'teamId', messages: ['teamId must name an existing team'] }]);
    }
    const kind = input.kind ?? 'question';
    const priority = input.priority ?? 'normal';
    const openedBy: Actor = agent ? { type: 'agent', id: agent.id, name: agent.name } : { type: 'customer', id: customer.id, name: customer.name };
    const sla = await readSlaTargets(em, priority, customer.tier);
    let events: StoredTicketEvent[] = [];

    for (let attempt = 1; ; attempt++) {
      const code = newTicketCode();
      const opened = openTicket({ code, subject: input.subject, channel: input.channel ?? 'web', kind, priority, tier: customer.tier, openedBy, repeatOf, now }, sla, id);
      const inserted = await this.uow.store.insert(
        em,
        {
          id,
          code,
          trackingTokenHash: this.tokens.hash(trackingToken),
          subject: input.subject,
          description: input.description,
          channel: input.channel ?? 'web',
          kind,
          priority,
          tier: customer.tier,
          teamId,
          customerId: customer.id,
          repeatOfTicketId: opened.repeatOfTicketId,
          offeredToId: opened.offeredToId,
          createdAt: now,
          firstResponseDueAt: opened.firstResponseDueAt,
          resolutionDueAt: opened.resolutionDueAt,
          tags: input.tags ?? [],
        },
        opened.events,
      );
      if (inserted) {
        events = inserted;
        if (kind === 'complaint') {
          // The 24-hour channel: a supervisor watches every complaint from the start.
          await this.uow.store.addWatchers(em, id, await escalationWatchers(em, teamId, ['supervisor']), 'complaint', now);
        }
        if (repeatOf && opened.repeatOriginEvent) await this.recordRepeatOnOrigin(em, repeatOf, opened.repeatOriginEvent);
        break;
      }
      if (attempt >= CODE_ATTEMPTS) throw new Error('Could not find a free ticket code');
    }

    if (idempotency) {
      const { affected } = await sql.write(
        `INSERT INTO idempotency_keys (scope, key, request_hash, ticket_id, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING`,
        [idempotency.scope, idempotency.key, idempotency.requestHash, id, now],
      );
      if (affected !== 1) throw new IdempotencyKeyTaken();
    }
    const view = await this.uow.readModel.findById(em, id);
    if (!view) throw new Error('Created ticket vanished');
    return { ticket: view, events };
  }

  private async recordRepeatOnOrigin(em: EntityManager, origin: EarlierTicket, event: TicketDecision['events'][number]) {
    const locked = await this.uow.store.lock(em, origin.id);
    if (locked) await this.uow.store.apply(em, locked, { patch: {}, events: [event] }, this.uow.now());
  }

  private async upsertCustomer(sql: SqlRunner, input: OpenTicketDto, byAgent: boolean) {
    const c = input.customer;
    const conflict = c.email
      ? `ON CONFLICT ((lower(email))) WHERE email IS NOT NULL`
      : `ON CONFLICT (phone) WHERE email IS NULL AND phone IS NOT NULL`;
    // An anonymous request must not change an existing customer's tier; an agent may.
    const onExisting = byAgent && c.tier ? `DO UPDATE SET tier = EXCLUDED.tier` : `DO UPDATE SET email = customers.email`;
    const rows = await sql.rows<{ id: string; name: string; tier: 'standard' | 'member' | 'vip' }>(
      `INSERT INTO customers (name, email, phone, tier, locale) VALUES ($1, $2, $3, $4, $5) ${conflict} ${onExisting}
       RETURNING id, name, tier`,
      [c.name, c.email?.toLowerCase() ?? null, c.phone ?? null, byAgent ? (c.tier ?? 'standard') : 'standard', c.locale ?? 'en'],
    );
    return rows[0];
  }

  private async earlierTickets(sql: SqlRunner, customerId: string, now: Date): Promise<EarlierTicket[]> {
    const rows = await sql.rows<{ id: string; code: string; status: EarlierTicket['status']; owner_id: string | null; team_id: string | null; created_at: Date; resolved_at: Date | null }>(
      `SELECT id, code, status, owner_id, team_id, created_at, resolved_at FROM tickets
       WHERE customer_id = $1 AND ((resolved_at IS NULL AND status <> 'closed') OR resolved_at >= $2)
       ORDER BY created_at DESC LIMIT 10`,
      [customerId, repeatContactCutoff(now, this.config.windows)],
    );
    return rows.map((r) => ({ id: r.id, code: r.code, status: r.status, ownerId: r.owner_id, teamId: r.team_id, createdAt: r.created_at, resolvedAt: r.resolved_at }));
  }

  private async defaultTeamId(em: EntityManager): Promise<string | null> {
    const team = await em.findOneBy(TeamEntity, { isDefault: true });
    return team?.id ?? null;
  }
}

function requestHash(input: OpenTicketDto): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}
