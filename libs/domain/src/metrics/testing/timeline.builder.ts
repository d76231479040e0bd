import type { Actor } from '../../ticket.js';
import type { TicketStatus } from '../../vocabulary.js';
import type { ResolutionHistoryEvent } from '../resolution-outcome.js';

export const T0 = new Date('2026-03-02T09:00:00.000Z');
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface Person {
  id: string;
  name: string;
}

export const LI: Person = { id: 'agent-li', name: 'Li Na' };
export const SAM: Person = { id: 'agent-sam', name: 'Sam Park' };
export const WEI: Person = { id: 'agent-wei', name: 'Wei Chen' };
export const ADA: Person = { id: 'agent-ada', name: 'Ada Sousa' };
export const CUSTOMER: Person = { id: 'customer-1', name: 'Zhang Wei' };

function agent(p: Person): Actor {
  return { type: 'agent', id: p.id, name: p.name };
}

const customer: Actor = { type: 'customer', id: CUSTOMER.id, name: CUSTOMER.name };
const system: Actor = { type: 'system' };

type Draft = Omit<ResolutionHistoryEvent, 'ticketId' | 'seq' | 'createdAt'>;

/** Writes one ticket's timeline the way the API records it, with a clock the test moves. */
export class TimelineBuilder {
  private readonly events: ResolutionHistoryEvent[] = [];
  private clock: number;
  private status: TicketStatus = 'new';

  constructor(private readonly ticketId = 'ticket-1', start: Date = T0) {
    this.clock = start.getTime();
  }

  /** Moves the clock forward; the next events happen then. */
  after(ms: number): this {
    this.clock += ms;
    return this;
  }

  now(): Date {
    return new Date(this.clock);
  }

  currentStatus(): TicketStatus {
    return this.status;
  }

  build(): ResolutionHistoryEvent[] {
    return [...this.events];
  }

  created(): this {
    const payload = { code: 'FH-7K3QX', subject: 'Charged twice', channel: 'web', kind: 'problem', priority: 'normal', tier: 'standard', repeatOfTicketId: null };
    return this.push({ type: 'created', visibility: 'public', actor: customer, payload });
  }

  claimedBy(who: Person, via: 'claim' | 'reply' = 'claim'): this {
    this.push({ type: 'claimed', visibility: 'public', actor: agent(who), payload: { ownerId: who.id, ownerName: who.name, via } });
    return this.moveTo('open');
  }

  /** A public reply; on an unowned ticket the API records a claim via 'reply' first. */
  repliedBy(who: Person): this {
    return this.push({ type: 'agent_replied', visibility: 'public', actor: agent(who), payload: { messageId: this.nextId('m'), body: 'We refunded the second charge.' } });
  }

  answeredFirstBy(who: Person): this {
    return this.claimedBy(who, 'reply').repliedBy(who);
  }

  notedBy(who: Person): this {
    return this.push({ type: 'internal_note_added', visibility: 'internal', actor: agent(who), payload: { messageId: this.nextId('n'), body: 'Checked the ledger.' } });
  }

  customerReplied(): this {
    this.push({ type: 'customer_replied', visibility: 'public', actor: customer, payload: { messageId: this.nextId('c'), body: 'Still charged twice.' } });
    return this.status === 'pending_customer' ? this.statusChange(customer, 'open') : this;
  }

  waitingOnCustomer(who: Person): this {
    return this.statusChange(agent(who), 'pending_customer');
  }

  resolvedBy(who: Person): this {
    return this.statusChange(agent(who), 'resolved', 'Refunded');
  }

  /** A supervisor's spam close: internal, straight to closed. */
  closedAsSpamBy(who: Person): this {
    this.push({ type: 'status_changed', visibility: 'internal', actor: agent(who), payload: { from: this.status, to: 'closed', resolution: 'spam' } });
    return this.moveTo('closed');
  }

  reopenedByCustomer(): this {
    const reopenCount = this.events.filter((e) => e.type === 'reopened').length + 1;
    this.push({ type: 'reopened', visibility: 'public', actor: customer, payload: { from: this.status, reopenCount } });
    return this.moveTo('open');
  }

  handoffProposed(from: Person, to: Person): this {
    return this.push({ type: 'handoff_proposed', visibility: 'internal', actor: agent(from), payload: { fromAgentId: from.id, toAgentId: to.id, toAgentName: to.name, note: 'Refunds are Sam’s area.' } });
  }

  handoffAccepted(from: Person, to: Person): this {
    return this.push({ type: 'handoff_accepted', visibility: 'public', actor: agent(to), payload: { fromAgentId: from.id, toAgentId: to.id, toAgentName: to.name } });
  }

  handoffDeclined(from: Person, to: Person): this {
    return this.push({ type: 'handoff_declined', visibility: 'internal', actor: agent(to), payload: { fromAgentId: from.id, toAgentId: to.id, withdrawn: false } });
  }

  reassigned(by: Person, from: Person | null, to: Person): this {
    this.push({ type: 'reassigned', visibility: 'public', actor: agent(by), payload: { fromAgentId: from?.id ?? null, toAgentId: to.id, toAgentName: to.name, reason: 'On leave' } });
    return this.status === 'new' ? this.moveTo('open') : this;
  }

  escalationRequested(by: Person, fromLevel: number, toLevel: number): this {
    return this.push({ type: 'escalation_requested', visibility: 'internal', actor: agent(by), payload: { fromLevel, toLevel, reason: 'Needs a refund approval', watcherIds: [] } });
  }

  slaEscalated(toLevel: number): this {
    if (toLevel <= 1) {
      return this.push({ type: 'sla_warning', visibility: 'internal', actor: system, payload: { target: 'resolution', dueAt: this.now().toISOString(), fromLevel: 0, toLevel, notifiedIds: [] } });
    }
    const payload = { target: 'resolution' as const, stage: toLevel >= 3 ? ('critical' as const) : ('breach' as const), dueAt: this.now().toISOString(), fromLevel: toLevel - 1, toLevel, watcherIds: [], notifiedIds: [], priority: null };
    return this.push({ type: 'sla_escalated', visibility: 'internal', actor: system, payload });
  }

  repeatContact(newTicketId = 'ticket-2'): this {
    return this.push({ type: 'repeat_contact', visibility: 'internal', actor: customer, payload: { ticketId: newTicketId, code: 'FH-9QW2E' } });
  }

  rated(rating: number): this {
    return this.push({ type: 'rated', visibility: 'public', actor: customer, payload: { rating, comment: null } });
  }

  private statusChange(actor: Actor, to: TicketStatus, resolution?: string): this {
    const payload = resolution === undefined ? { from: this.status, to } : { from: this.status, to, resolution };
    this.push({ type: 'status_changed', visibility: 'public', actor, payload });
    return this.moveTo(to);
  }

  private moveTo(status: TicketStatus): this {
    this.status = status;
    return this;
  }

  private nextId(prefix: string): string {
    return `${prefix}-${this.events.length + 1}`;
  }

  private push(draft: Draft): this {
    this.events.push({ ...draft, ticketId: this.ticketId, seq: this.events.length + 1, createdAt: new Date(this.clock) } as ResolutionHistoryEvent);
    return this;
  }
}

export function timeline(ticketId?: string, start?: Date): TimelineBuilder {
  return new TimelineBuilder(ticketId, start).created();
}
