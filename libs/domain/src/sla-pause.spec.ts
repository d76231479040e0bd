import { DateTime } from 'luxon';
import type { BusinessCalendar, WorkingRange } from './business-time/index.js';
import { withSlaPause } from './sla-pause.js';
import { slaThresholds } from './sla-thresholds.js';
import { aTicket, at, DAY_MS, LI, SLA, T0 } from './testing/ticket.builder.js';
import type { TicketDecision } from './ticket-decision.js';

const HOUR = 3_600_000;
const waitForCustomer: TicketDecision = { patch: { status: 'pending_customer' }, events: [] };
const customerAnswers: TicketDecision = { patch: { status: 'open' }, events: [] };

describe('the resolution clock stops while the ticket waits for the customer', () => {
  const open = aTicket({ status: 'open', ownerId: LI.id, firstResponseAt: at(HOUR), resolutionDueAt: at(2 * DAY_MS) });

  it('stops when the ticket starts waiting, and the resolution thresholds go quiet', () => {
    const decided = withSlaPause(open, waitForCustomer, SLA, at(10 * HOUR));
    expect(decided.patch).toEqual({ status: 'pending_customer', slaPausedAt: at(10 * HOUR) });
    const waiting = { ...open, ...decided.patch } as typeof open;
    expect(slaThresholds(waiting).filter((t) => t.target === 'resolution')).toEqual([]);
  });

  it('restarts when the wait ends, with the due time moved by the wait', () => {
    const waiting = { ...open, status: 'pending_customer' as const, slaPausedAt: at(10 * HOUR) };
    // The customer answers 30 hours later: 38 hours of the 48 were left when the wait began.
    const decided = withSlaPause(waiting, customerAnswers, SLA, at(40 * HOUR));
    expect(decided.patch).toEqual({ status: 'open', slaPausedAt: null, slaPausedMinutes: 30 * 60, resolutionDueAt: at(78 * HOUR) });
  });

  it('restarts on a closing too, so the record keeps the due time the team really had', () => {
    const waiting = { ...open, status: 'pending_customer' as const, slaPausedAt: at(10 * HOUR) };
    const decided = withSlaPause(waiting, { patch: { status: 'resolved', resolvedAt: at(12 * HOUR) }, events: [] }, SLA, at(12 * HOUR));
    expect(decided.patch).toMatchObject({ slaPausedAt: null, slaPausedMinutes: 120, resolutionDueAt: at(50 * HOUR) });
  });

  it('does not stop a clock that already ran out, nor when the policy says the clock keeps running', () => {
    expect(withSlaPause(open, waitForCustomer, SLA, at(3 * DAY_MS)).patch).toEqual({ status: 'pending_customer' });
    expect(withSlaPause(open, waitForCustomer, { ...SLA, pausesWhileWaitingForCustomer: false }, at(HOUR)).patch).toEqual({ status: 'pending_customer' });
  });

  it('leaves every other decision alone', () => {
    const note: TicketDecision = { patch: {}, events: [] };
    expect(withSlaPause(open, note, SLA, at(HOUR))).toBe(note);
    const waiting = { ...open, status: 'pending_customer' as const, slaPausedAt: at(10 * HOUR) };
    expect(withSlaPause(waiting, note, SLA, at(11 * HOUR))).toBe(note);
  });

  it("a complaint held to its 24-hour cap keeps the cap's clock after a wait: it does not stand still over the night and the weekend", () => {
    const week: WorkingRange[] = [{ start: '09:00', end: '18:00' }];
    const office: BusinessCalendar = { zone: 'UTC', alwaysOpen: false, week: { 1: week, 2: week, 3: week, 4: week, 5: week }, holidays: [], extraWorkingDays: [] };
    const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' }).toJSDate();
    // Opened Friday 6 March 2026 10:00: the policy's 5 working days would end the next Friday, the cap
    // (24×7) Saturday 10:00. Waiting for the customer Friday 10:30 to 12:30 moves it to Saturday 12:00.
    const fiveDays = { firstResponseMinutes: 60, resolutionMinutes: 5 * 9 * 60 };
    const complaint = aTicket({ kind: 'complaint', status: 'pending_customer', ownerId: LI.id, createdAt: utc('2026-03-06T10:00'), resolutionDueAt: utc('2026-03-07T10:00'), slaPausedAt: utc('2026-03-06T10:30'), plannedTargets: fiveDays });
    const targets = { ...SLA, ...fiveDays, calendar: office };
    expect(withSlaPause(complaint, customerAnswers, targets, utc('2026-03-06T12:30')).patch.resolutionDueAt).toEqual(utc('2026-03-07T12:00'));
    // A complaint the policy held to less than the cap (7 working hours: Friday 17:00) keeps the team's
    // hours: 6.5 were left, 5.5 of them on Friday after 12:30, the last one on Monday.
    const sevenHours = { firstResponseMinutes: 60, resolutionMinutes: 7 * 60 };
    const quick = { ...complaint, resolutionDueAt: utc('2026-03-06T17:00'), plannedTargets: sevenHours };
    expect(withSlaPause(quick, customerAnswers, { ...targets, ...sevenHours }, utc('2026-03-06T12:30')).patch.resolutionDueAt).toEqual(utc('2026-03-09T10:00'));
    // Which clock is the ticket's own: a policy changed since does not turn the capped complaint into a team-hours one, nor back.
    expect(withSlaPause(complaint, customerAnswers, { ...targets, ...sevenHours }, utc('2026-03-06T12:30')).patch.resolutionDueAt).toEqual(utc('2026-03-07T12:00'));
    expect(withSlaPause(quick, customerAnswers, targets, utc('2026-03-06T12:30')).patch.resolutionDueAt).toEqual(utc('2026-03-09T10:00'));
  });

  it('counts the wait in working time: a wait over a weekend gives back only the working hours it covered', () => {
    const week: WorkingRange[] = [{ start: '09:00', end: '17:00' }];
    const london: BusinessCalendar = { zone: 'Europe/London', alwaysOpen: false, week: { 1: week, 2: week, 3: week, 4: week, 5: week }, holidays: [], extraWorkingDays: [] };
    const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' }).toJSDate();
    // T0 is Monday 2 March 2026 09:00 UTC (= London). Due Wednesday 17:00 (3 working days).
    const ticket = aTicket({ status: 'pending_customer', ownerId: LI.id, resolutionDueAt: local('2026-03-04T17:00'), slaPausedAt: local('2026-03-02T15:00') });
    // Waited Monday 15:00 to the next Monday 10:00; 18 working hours were left when it began.
    const decided = withSlaPause(ticket, customerAnswers, { ...SLA, calendar: london }, local('2026-03-09T10:00'));
    expect(decided.patch.resolutionDueAt).toEqual(local('2026-03-11T12:00'));
    expect(T0).toEqual(local('2026-03-02T09:00'));
  });
});
