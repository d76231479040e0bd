import { DateTime } from 'luxon';
import { postAgentMessage } from './agent-message.js';
import { rateResolution } from './customer-acts.js';
import { requestEscalation } from './escalation-request.js';
import { declineHandoff, proposeHandoff } from './handoff.js';
import { movesSlaClocks, nextSlaMoment, reachSlaThreshold, reachSlaThresholdInOrder, slaStageInstants, slaThresholds, slaThresholdsDueBefore, type SlaThreshold } from './sla-thresholds.js';
import type { BusinessCalendar } from './business-time/index.js';
import { aResolvedTicket, aTicket, anOwnedTicket, at, CUSTOMER, LI, SAM, SLA, T0 } from './testing/ticket.builder.js';
import type { TicketDecision } from './ticket-decision.js';
import type { Ticket } from './ticket.js';

const MIN = 60_000;
const AUDIENCE = { teamAgentIds: ['agent-li', 'agent-sam'], seniorAndSupervisorIds: ['agent-wei', 'agent-ada'] };
const find = (list: SlaThreshold[], target: string, stage: string) => list.find((t) => t.target === target && t.stage === stage);

describe('SLA thresholds: when each clock acts', () => {
  it('an unanswered ticket warns at 80%, escalates at 100% and again at 150% of first response and resolution', () => {
    // first response due at +60 min, resolution at +2 days
    const list = slaThresholds(aTicket());
    expect(list.map((t) => `${t.target}:${t.stage}@${(t.fireAt.getTime() - T0.getTime()) / MIN}`)).toEqual([
      'first_response:warning@48',
      'first_response:breach@60',
      'first_response:critical@90',
      'resolution:warning@2304',
      'resolution:breach@2880',
      'resolution:critical@4320',
    ]);
  });

  it("only the next moment's thresholds are timed, with any whose moment has come: a new ticket's first-response warning", () => {
    const label = (list: SlaThreshold[]) => list.map((t) => `${t.target}:${t.stage}`);
    expect(label(nextSlaMoment(slaThresholds(aTicket()), T0))).toEqual(['first_response:warning']);
    // What is left once the warning is applied: the breach, alone.
    expect(label(nextSlaMoment(slaThresholds(aTicket()).slice(1), at(49 * MIN)))).toEqual(['first_response:breach']);
    // Read before the warning was applied, at 50 minutes: the warning (its timer has run) and the breach.
    expect(label(nextSlaMoment(slaThresholds(aTicket()), at(50 * MIN)))).toEqual(['first_response:warning', 'first_response:breach']);
    // Firing within a second of the next one: together.
    const together = [
      { target: 'first_response', stage: 'warning', fireAt: new Date(T0.getTime() + 5 * MIN) },
      { target: 'resolution', stage: 'warning', fireAt: new Date(T0.getTime() + 5 * MIN + 1000) },
      { target: 'first_response', stage: 'breach', fireAt: new Date(T0.getTime() + 5 * MIN + 1001) },
    ];
    expect(nextSlaMoment(together, T0).map((t) => `${t.target}:${t.stage}`)).toEqual(['first_response:warning', 'resolution:warning']);
    expect(nextSlaMoment([], T0)).toEqual([]);
  });

  it('first response stops counting once answered; an open owned ticket adds the update reminder at its promise', () => {
    const list = slaThresholds(anOwnedTicket({ nextUpdateDueAt: at(250 * MIN) }));
    expect(list.some((t) => t.target === 'first_response')).toBe(false);
    expect(find(list, 'next_update', 'reminder')?.fireAt).toEqual(at(250 * MIN));
  });

  it('no update reminder while waiting for the customer; no clocks at all once resolved or closed', () => {
    expect(find(slaThresholds(anOwnedTicket({ status: 'pending_customer', nextUpdateDueAt: at(250 * MIN) })), 'next_update', 'reminder')).toBeUndefined();
    expect(slaThresholds(aResolvedTicket())).toEqual([]);
    expect(slaThresholds(aResolvedTicket({ status: 'closed' }))).toEqual([]);
  });
});

describe('reaching a threshold', () => {
  const due = at(60 * MIN);

  it('warning an unclaimed ticket warns the whole team and raises the level to 1, owner untouched', () => {
    const decision = reachSlaThreshold(aTicket(), { target: 'first_response', stage: 'warning', dueAt: due }, at(48 * MIN), AUDIENCE)!;
    expect(decision.patch).toEqual({ escalationLevel: 1 });
    expect(decision.patch).not.toHaveProperty('ownerId');
    expect(decision.events).toEqual([
      expect.objectContaining({ type: 'sla_warning', visibility: 'internal', payload: { target: 'first_response', dueAt: due.toISOString(), fromLevel: 0, toLevel: 1, notifiedIds: ['agent-li', 'agent-sam'] } }),
    ]);
  });

  it('a breach on an owned ticket notifies the owner and adds seniors and supervisors as watchers (level 2)', () => {
    const ticket = anOwnedTicket({ escalationLevel: 1 });
    const decision = reachSlaThreshold(ticket, { target: 'resolution', stage: 'breach', dueAt: ticket.resolutionDueAt! }, ticket.resolutionDueAt!, AUDIENCE)!;
    expect(decision.patch).toEqual({ escalationLevel: 2 });
    expect(decision.addWatcherIds).toEqual(['agent-wei', 'agent-ada']);
    expect(decision.events[0]).toMatchObject({ type: 'sla_escalated', payload: { stage: 'breach', fromLevel: 1, toLevel: 2, notifiedIds: [LI.id, 'agent-wei', 'agent-ada'], priority: null } });
  });

  it('150% escalates again to level 3 and raises the priority one step (urgent stays urgent)', () => {
    const decision = reachSlaThreshold(aTicket({ escalationLevel: 2 }), { target: 'first_response', stage: 'critical', dueAt: due }, at(90 * MIN), AUDIENCE)!;
    expect(decision.patch).toEqual({ escalationLevel: 3, priority: 'high' });
    expect(decision.events[0].payload).toMatchObject({ stage: 'critical', priority: { from: 'normal', to: 'high' } });
    const urgent = reachSlaThreshold(aTicket({ priority: 'urgent', escalationLevel: 3 }), { target: 'first_response', stage: 'critical', dueAt: due }, at(90 * MIN), AUDIENCE)!;
    expect(urgent.patch).toEqual({});
    expect(urgent.events[0].payload).toMatchObject({ fromLevel: 3, toLevel: 3, priority: null });
  });

  it('a level already higher (an owner asked for escalation) is never lowered by a later warning', () => {
    const decision = reachSlaThreshold(anOwnedTicket({ escalationLevel: 2 }), { target: 'resolution', stage: 'warning', dueAt: at(2 * 1440 * MIN) }, at(2304 * MIN), AUDIENCE)!;
    expect(decision.patch).toEqual({});
    expect(decision.events[0].payload).toMatchObject({ fromLevel: 2, toLevel: 2, notifiedIds: [LI.id] });
  });

  it('the update reminder goes to the owner and changes nothing else', () => {
    const ticket = anOwnedTicket({ nextUpdateDueAt: at(250 * MIN) });
    const decision = reachSlaThreshold(ticket, { target: 'next_update', stage: 'reminder', dueAt: at(250 * MIN) }, at(250 * MIN), AUDIENCE)!;
    expect(decision).toEqual({ patch: {}, events: [expect.objectContaining({ type: 'update_reminder', payload: { dueAt: at(250 * MIN).toISOString(), ownerId: LI.id } })] });
  });

  it('is stale, and does nothing, when the target was met, the due time moved, the ticket is resolved, or it is too early', () => {
    const claimed = anOwnedTicket();
    expect(reachSlaThreshold(claimed, { target: 'first_response', stage: 'breach', dueAt: due }, at(60 * MIN), AUDIENCE)).toBeNull();
    const moved = anOwnedTicket({ nextUpdateDueAt: at(400 * MIN) });
    expect(reachSlaThreshold(moved, { target: 'next_update', stage: 'reminder', dueAt: at(250 * MIN) }, at(250 * MIN), AUDIENCE)).toBeNull();
    expect(reachSlaThreshold(aResolvedTicket(), { target: 'resolution', stage: 'breach', dueAt: at(2 * 1440 * MIN) }, at(3 * 1440 * MIN), AUDIENCE)).toBeNull();
    expect(reachSlaThreshold(aTicket(), { target: 'first_response', stage: 'breach', dueAt: due }, at(59 * MIN), AUDIENCE)).toBeNull();
  });
});

describe('reaching a threshold whose earlier ones are due too (a late timer, a flushed Redis, two sweepers)', () => {
  const due = at(60 * MIN);
  const fr = (stage: SlaThreshold['stage']) => ({ target: 'first_response' as const, stage, dueAt: due });
  const stages = (reached: { reached: SlaThreshold[] }) => reached.reached.map((t) => t.stage);
  const levels = (e: { payload: unknown }) => e.payload as { fromLevel: number; toLevel: number; priority?: unknown };

  it('a breach reached before its warning carries the warning first, each decided on the ticket the one before left', () => {
    const reached = reachSlaThresholdInOrder(aTicket(), fr('breach'), at(61 * MIN), AUDIENCE)!;
    expect(stages(reached)).toEqual(['warning', 'breach']);
    expect(reached.decision.events.map((e) => [e.type, levels(e).fromLevel, levels(e).toLevel])).toEqual([
      ['sla_warning', 0, 1],
      ['sla_escalated', 1, 2],
    ]);
    expect(reached.decision.patch).toEqual({ escalationLevel: 2 });
    expect(reached.decision.addWatcherIds).toEqual(['agent-wei', 'agent-ada']);
  });

  it('the critical stage after a lost timer: all three in order, the priority raised once', () => {
    const reached = reachSlaThresholdInOrder(aTicket(), fr('critical'), at(95 * MIN), AUDIENCE)!;
    expect(stages(reached)).toEqual(['warning', 'breach', 'critical']);
    expect(reached.decision.events.map((e) => levels(e).toLevel)).toEqual([1, 2, 3]);
    expect(reached.decision.events.map((e) => levels(e).priority ?? null)).toEqual([null, null, { from: 'normal', to: 'high' }]);
    expect(reached.decision.patch).toEqual({ escalationLevel: 3, priority: 'high' });
  });

  it('what is applied already is not carried again; a threshold on time carries nothing and need not read the ledger', () => {
    const reached = reachSlaThresholdInOrder(aTicket({ escalationLevel: 1 }), fr('breach'), at(61 * MIN), AUDIENCE, undefined, [fr('warning')])!;
    expect(stages(reached)).toEqual(['breach']);
    expect(reached.decision.events).toHaveLength(1);
    expect(slaThresholdsDueBefore(aTicket(), fr('warning'), at(48 * MIN))).toEqual([]);
    expect(slaThresholdsDueBefore(aTicket(), fr('breach'), at(60 * MIN)).map((t) => t.stage)).toEqual(['warning']);
    // A later stage is not carried by an earlier one, even when due.
    expect(stages(reachSlaThresholdInOrder(aTicket(), fr('warning'), at(95 * MIN), AUDIENCE)!)).toEqual(['warning']);
  });

  it('is null when the threshold itself does not apply, whatever is due before it', () => {
    expect(reachSlaThresholdInOrder(anOwnedTicket(), fr('breach'), at(61 * MIN), AUDIENCE)).toBeNull();
    expect(reachSlaThresholdInOrder(aTicket(), fr('breach'), at(59 * MIN), AUDIENCE)).toBeNull();
    expect(reachSlaThresholdInOrder(aTicket(), { ...fr('breach'), dueAt: at(70 * MIN) }, at(75 * MIN), AUDIENCE)).toBeNull();
  });
});

describe('which events move the clocks', () => {
  const CLOCK_FIELDS: Array<keyof Ticket> = ['status', 'ownerId', 'firstResponseAt', 'firstResponseDueAt', 'resolutionDueAt', 'nextUpdateDueAt', 'createdAt'];
  const samAssignee = { id: SAM.id, name: SAM.name, role: SAM.role, teamId: SAM.teamId, active: true };
  const owned = anOwnedTicket({ nextUpdateDueAt: at(250 * MIN) });
  const neutral: Array<[string, TicketDecision]> = [
    ['internal note', postAgentMessage(owned, SAM, { messageId: 'm', body: 'checking', visibility: 'internal' }, { now: at(MIN), sla: SLA, ownerName: LI.name, eventsAfterExpected: [] })],
    ['handoff proposed', proposeHandoff(owned, LI, samAssignee, 'over to you', LI.name)],
    ['handoff declined', declineHandoff(anOwnedTicket({ pendingHandoffToId: SAM.id }), SAM)],
    ['escalation requested', requestEscalation(owned, LI, 'refund approval', ['agent-wei'], LI.name)],
    ['rated', rateResolution(aResolvedTicket(), CUSTOMER, 5, null)],
    ['warning', reachSlaThreshold(aTicket(), { target: 'first_response', stage: 'warning', dueAt: at(60 * MIN) }, at(48 * MIN), AUDIENCE)!],
    ['reminder', reachSlaThreshold(owned, { target: 'next_update', stage: 'reminder', dueAt: at(250 * MIN) }, at(250 * MIN), AUDIENCE)!],
  ];

  it.each(neutral)('%s: its events leave the clocks alone, and its decision changes nothing they read', (_, decision) => {
    for (const event of decision.events) expect(movesSlaClocks(event.type)).toBe(false);
    for (const field of CLOCK_FIELDS) expect(decision.patch).not.toHaveProperty(field);
  });

  it('replies, claims, status changes, reopens and changes of owner re-plan the timers', () => {
    for (const type of ['created', 'claimed', 'agent_replied', 'customer_replied', 'status_changed', 'reopened', 'handoff_accepted', 'reassigned'] as const) {
      expect(movesSlaClocks(type)).toBe(true);
    }
  });
});

describe('thresholds in working time', () => {
  const week = [{ start: '09:00', end: '17:00' }];
  const london = { zone: 'Europe/London', alwaysOpen: false, week: { 1: week, 2: week, 3: week, 4: week, 5: week }, holidays: [], extraWorkingDays: [] };
  const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' }).toJSDate();

  it('warns at 80% of the working minutes, breaches at the due time, and goes critical at 150%, all inside working hours', () => {
    // Opened Friday 16:00, first response due Monday 11:00 (3 working hours).
    const ticket = aTicket({ createdAt: local('2026-03-06T16:00'), firstResponseDueAt: local('2026-03-09T11:00'), resolutionDueAt: null });
    const stages = slaThresholds(ticket, london).map((t) => [t.stage, DateTime.fromJSDate(t.fireAt, { zone: 'Europe/London' }).toFormat('ccc HH:mm')]);
    // 80% of 180 minutes is 144: 60 on Friday, 84 on Monday -> 10:24. 150% is 270: Monday 12:30.
    expect(stages).toEqual([
      ['warning', 'Mon 10:24'],
      ['breach', 'Mon 11:00'],
      ['critical', 'Mon 12:30'],
    ]);
  });

  it('a due time outside working hours (a complaint’s 24×7 cap) breaches at that time, warns no later and goes critical no earlier', () => {
    const ticket = aTicket({ kind: 'complaint', createdAt: local('2026-03-06T16:00'), firstResponseDueAt: null, resolutionDueAt: local('2026-03-07T16:00') });
    const [warning, breach, critical] = slaThresholds(ticket, london);
    expect(warning.fireAt.getTime()).toBeLessThanOrEqual(breach.fireAt.getTime());
    expect(breach.fireAt).toEqual(local('2026-03-07T16:00'));
    expect(critical.fireAt.getTime()).toBeGreaterThanOrEqual(breach.fireAt.getTime());
  });

  it('a complaint opened on a Saturday and due by its 24×7 cap on the Sunday warns at 80% of the wall clock, not at once', () => {
    const ticket = aTicket({ kind: 'complaint', createdAt: local('2026-03-07T08:20'), firstResponseDueAt: local('2026-03-08T08:20'), resolutionDueAt: local('2026-03-08T08:20') });
    const fire = (target: string, stage: string) => slaThresholds(ticket, london).find((t) => t.target === target && t.stage === stage)!.fireAt;
    for (const target of ['first_response', 'resolution']) {
      expect(fire(target, 'warning')).toEqual(local('2026-03-08T03:32'));
      expect(fire(target, 'breach')).toEqual(local('2026-03-08T08:20'));
      expect(fire(target, 'critical')).toEqual(local('2026-03-08T20:20'));
    }
    expect(slaStageInstants({ ...ticket, nextUpdateDueAt: null }, london).resolutionWarnAt).toEqual(local('2026-03-08T03:32'));
    // A due time at or before its start keeps the stages in order: never critical before the breach.
    const [warning, breach, critical] = slaThresholds({ ...ticket, firstResponseDueAt: null, resolutionDueAt: local('2026-03-07T08:00') }, london);
    expect(warning.fireAt.getTime()).toBeLessThanOrEqual(breach.fireAt.getTime());
    expect(critical.fireAt.getTime()).toBeGreaterThanOrEqual(breach.fireAt.getTime());
  });
});

describe('SLA stage instants: what the sweep and the badges read', () => {
  const hours = [{ start: '09:00', end: '17:00' }];
  const london: BusinessCalendar = { zone: 'Europe/London', alwaysOpen: false, week: { 1: hours, 2: hours, 3: hours, 4: hours, 5: hours }, holidays: [], extraWorkingDays: [] };
  const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' }).toJSDate();

  it("are the timers' warning and critical moments, in working time, for a Friday-evening ticket", () => {
    // Opened Friday 16:30: a 60-minute first response is due Monday 09:30; 10 working hours of resolution due Tuesday 10:30.
    const ticket = aTicket({ createdAt: local('2026-03-06T16:30'), firstResponseDueAt: local('2026-03-09T09:30'), resolutionDueAt: local('2026-03-10T10:30') });
    const at = slaStageInstants({ ...ticket, nextUpdateDueAt: null }, london);
    const timers = slaThresholds(ticket, london);
    const fire = (target: string, stage: string) => timers.find((t) => t.target === target && t.stage === stage)!.fireAt;
    expect(at.firstResponseWarnAt).toEqual(fire('first_response', 'warning'));
    expect(at.firstResponseCriticalAt).toEqual(fire('first_response', 'critical'));
    expect(at.resolutionWarnAt).toEqual(fire('resolution', 'warning'));
    expect(at.resolutionCriticalAt).toEqual(fire('resolution', 'critical'));
    // 48 of 60 working minutes: 30 on Friday, 18 on Monday morning, not Sunday night as 80% of the wall clock would be.
    expect(at.firstResponseWarnAt).toEqual(local('2026-03-09T09:18'));
    // 150%: 90 working minutes, Monday 10:00.
    expect(at.firstResponseCriticalAt).toEqual(local('2026-03-09T10:00'));
    expect(at.nextUpdateWarnAt).toBeNull();
  });

  it("put the next update's warning at 80% of the working time from the last update to the promise", () => {
    const lastUpdate = local('2026-03-09T16:00');
    const ticket = aTicket({ createdAt: local('2026-03-09T09:00'), firstResponseAt: local('2026-03-09T09:05'), lastCustomerVisibleUpdateAt: lastUpdate, nextUpdateDueAt: local('2026-03-10T10:00') });
    // Two working hours (Monday 16-17, Tuesday 09-10): 96 minutes in, Tuesday 09:36.
    expect(slaStageInstants(ticket, london).nextUpdateWarnAt).toEqual(local('2026-03-10T09:36'));
  });
});
