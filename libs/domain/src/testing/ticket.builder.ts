import type { SlaTargets } from '../sla-clock.js';
import type { ResolutionWindows } from '../resolution-windows.js';
import type { TicketEvent } from '../ticket-events.js';
import type { ActingAgent, Ticket } from '../ticket.js';

export const T0 = new Date('2026-03-02T09:00:00.000Z');

export const DAY_MS = 86_400_000;

export function at(offsetMs: number, from: Date = T0): Date {
  return new Date(from.getTime() + offsetMs);
}

export const SLA: SlaTargets = { firstResponseMinutes: 60, updateCadenceMinutes: 240, resolutionMinutes: 2_880 };

export const WINDOWS: ResolutionWindows = { reopenDays: 7, repeatContactDays: 7 };

export const LI: ActingAgent = { id: 'agent-li', name: 'Li Na', role: 'agent', teamId: 'team-billing' };
export const SAM: ActingAgent = { id: 'agent-sam', name: 'Sam Park', role: 'agent', teamId: 'team-billing' };
export const SENIOR: ActingAgent = { id: 'agent-wei', name: 'Wei Chen', role: 'senior', teamId: 'team-billing' };
export const SUPERVISOR: ActingAgent = { id: 'agent-ada', name: 'Ada Sousa', role: 'supervisor', teamId: 'team-billing' };
export const ADMIN: ActingAgent = { id: 'agent-root', name: 'Root Admin', role: 'admin', teamId: null };

export const CUSTOMER = { id: 'customer-1', name: 'Zhang Wei' };

/** A valid ticket, unowned and `new` unless overridden. */
export function aTicket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: 'ticket-1',
    code: 'FH-7K3QX',
    subject: 'Charged twice',
    channel: 'web',
    kind: 'problem',
    priority: 'normal',
    tier: 'standard',
    status: 'new',
    teamId: 'team-billing',
    customerId: CUSTOMER.id,
    ownerId: null,
    firstResponderId: null,
    pendingHandoffToId: null,
    repeatOfTicketId: null,
    offeredToId: null,
    createdAt: T0,
    firstResponseAt: null,
    lastCustomerVisibleUpdateAt: null,
    resolvedAt: null,
    closedAt: null,
    firstResponseDueAt: at(60 * 60_000),
    nextUpdateDueAt: null,
    resolutionDueAt: at(2 * DAY_MS),
    slaPausedAt: null,
    slaPausedMinutes: 0,
    plannedTargets: { firstResponseMinutes: 60, resolutionMinutes: 2_880 },
    escalationLevel: 0,
    reopenCount: 0,
    transferCount: 0,
    csatRating: null,
    tags: [],
    lastSeq: 1,
    ...overrides,
  };
}

/** A ticket claimed by `owner` (Li unless given), status `open`. */
export function anOwnedTicket(overrides: Partial<Ticket> = {}, owner: ActingAgent = LI): Ticket {
  return aTicket({
    status: 'open',
    ownerId: owner.id,
    firstResponderId: owner.id,
    firstResponseAt: at(10 * 60_000),
    lastCustomerVisibleUpdateAt: at(10 * 60_000),
    lastSeq: 2,
    ...overrides,
  });
}

/** A resolved ticket owned by Li, resolved at `resolvedAt` (T0 + 1 day unless given). */
export function aResolvedTicket(overrides: Partial<Ticket> = {}): Ticket {
  return anOwnedTicket({ status: 'resolved', resolvedAt: at(DAY_MS), nextUpdateDueAt: null, lastSeq: 4, ...overrides });
}

export function aStoredEvent(seq: number, actor: TicketEvent['actor'], overrides: Partial<TicketEvent> = {}): TicketEvent {
  const base =
    actor.type === 'customer'
      ? { type: 'customer_replied' as const, visibility: 'public' as const, actor, payload: { messageId: `m-${seq}`, body: 'Any news?' } }
      : { type: 'internal_note_added' as const, visibility: 'internal' as const, actor, payload: { messageId: `m-${seq}`, body: 'Checking the ledger' } };
  return { ...base, ticketId: 'ticket-1', seq, createdAt: at(seq * 60_000), ...overrides } as TicketEvent;
}

/** Runs a rule that must refuse, and returns what it threw so a test can check the error's fields. */
export function errorFrom(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`expected an Error, got ${String(error)}`);
  }
  throw new Error('expected the rule to refuse, but it returned');
}
