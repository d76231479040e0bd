import { Injectable } from '@nestjs/common';
import {
  closeAsSpam,
  DomainError,
  FirstResponderPolicy,
  InvalidAssignee,
  normaliseTags,
  nextTags,
  reassignTicket,
  tagDecision,
  takesTickets,
  agentActor,
  type ActingAgent,
} from '@firsthand/domain';
import type { BulkTicketAnswer, BulkTicketResult } from '@firsthand/http-contracts';
import { AgentStore, findAssignee, TicketReadModel } from '@firsthand/persistence';
import type { EntityManager } from 'typeorm';
import { TicketWriter, type TicketRule } from '@firsthand/ticketing';
import { AuditTrail, type AuditScene } from '../../audit/audit-trail.js';
import { HttpProblem, RequestValidationFailed } from '../../http/problem.js';
import { ProblemDetailsFilter } from '../../http/problem-details.filter.js';
import type { BulkTicketsDto } from '../dto/bulk-tickets.dto.js';

/**
 * A supervisor's action on many tickets: each ticket is its own change through `TicketWriter`
 * (its own lock, rule and transaction), so one refused ticket leaves the others done and the
 * answer says, per ticket, what happened. Input that is wrong for every ticket (a bad tag, an
 * unknown assignee) is refused before any ticket changes.
 */
@Injectable()
export class BulkTicketAction {
  private readonly problems = new ProblemDetailsFilter();

  constructor(
    private readonly tickets: TicketWriter,
    private readonly agents: AgentStore,
    private readonly audit: AuditTrail,
    private readonly readModel: TicketReadModel,
  ) {}

  async execute(supervisor: ActingAgent, request: BulkTicketsDto, scene: AuditScene): Promise<BulkTicketAnswer> {
    FirstResponderPolicy.assertSupervisor(supervisor, 'act on tickets in bulk');
    refuseArgumentsOfOtherActions(request);
    const rule = await this.ruleFor(supervisor, request);
    const results: BulkTicketResult[] = [];
    for (const ticketId of request.ticketIds) results.push(await this.one(ticketId, supervisor, rule, request, scene));
    const succeeded = results.filter((r) => r.ok).length;
    return { action: request.action, results, succeeded, failed: results.length - succeeded };
  }

  private async ruleFor(supervisor: ActingAgent, request: BulkTicketsDto): Promise<TicketRule> {
    switch (request.action) {
      case 'reassign': {
        const to = await this.agents.find(request.toAgentId!);
        if (!to?.active) throw new InvalidAssignee(to ? `${to.name} is not active.` : 'No such agent.');
        if (!takesTickets(to.role)) throw new InvalidAssignee(`${to.name} oversees the queue (${to.role}): supervisors and admins are not handed tickets.`);
        const reason = request.reason!;
        return async (ctx) => reassignTicket(ctx.ticket, supervisor, await findAssignee(ctx.tx, to.id), reason, ctx.now);
      }
      case 'tag': {
        const change = { add: normaliseTags(request.add ?? []), remove: normaliseTags(request.remove ?? []) };
        if (!change.add.length && !change.remove.length) throw new HttpProblem(400, 'validation', 'Invalid request', 'tag needs add or remove', { errors: [{ field: 'add', messages: ['add or remove must name at least one tag'] }] });
        nextTags([], change); // refuses a tag both added and removed, once for all
        return (ctx) => tagDecision(ctx.ticket, change, agentActor(supervisor));
      }
      case 'close_as_spam':
        return (ctx) => closeAsSpam(ctx.ticket, supervisor, ctx.now);
    }
  }

  /** Each ticket's change is audited in its own transaction: a refused ticket leaves no entry. */
  private async one(ticketId: string, supervisor: ActingAgent, rule: TicketRule, request: BulkTicketsDto, scene: AuditScene): Promise<BulkTicketResult> {
    let before = { code: '', ownerId: null as string | null, status: '', tags: [] as string[] };
    const { action, toAgentId, reason, add, remove } = request;
    const noting: TicketRule = (ctx) => {
      before = { code: ctx.ticket.code, ownerId: ctx.ticket.ownerId, status: ctx.ticket.status, tags: ctx.ticket.tags };
      return rule(ctx);
    };
    const within = async (tx: EntityManager) => {
      const after = await this.readModel.findById(tx, ticketId);
      await this.audit.record(scene, {
        action: 'tickets.bulk_changed',
        target: { type: 'ticket', id: ticketId, label: before.code },
        before: { ownerId: before.ownerId, status: before.status, tags: before.tags },
        after: { bulkAction: action, toAgentId, reason, add, remove, ...(after ? { ownerId: after.owner?.id ?? null, status: after.status, tags: after.tags } : {}) },
      }, tx);
    };
    try {
      const result = await this.tickets.changeAsAgent(ticketId, supervisor, noting, { within });
      return { ticketId, ok: true, changed: result.events.length > 0, seq: result.ticket.lastSeq };
    } catch (error) {
      if (!(error instanceof DomainError) && !(error instanceof HttpProblem)) throw error;
      const p = this.problems.toProblem(error);
      return { ticketId, ok: false, problem: { type: p.type, title: p.title, status: p.status, detail: p.detail ?? p.title } };
    }
  }
}

const ARGUMENTS: Record<BulkTicketsDto['action'], ReadonlyArray<keyof BulkTicketsDto>> = {
  reassign: ['toAgentId', 'reason'],
  tag: ['add', 'remove'],
  close_as_spam: [],
};

/** An argument another action takes is a mistake to point out, not something to ignore. */
function refuseArgumentsOfOtherActions(request: BulkTicketsDto): void {
  const stray = (['toAgentId', 'reason', 'add', 'remove'] as const).filter((field) => request[field] !== undefined && !ARGUMENTS[request.action].includes(field));
  if (stray.length) throw new RequestValidationFailed(stray.map((field) => ({ field, messages: [`${field} does not belong to ${request.action}`] })));
}
