import { DateTime } from 'luxon';
import type { BusinessCalendar } from './business-time/index.js';
import { replanSlaClocks } from './sla-replan.js';
import { reachSlaThreshold } from './sla-thresholds.js';
import { aResolvedTicket, aTicket, LI, SLA } from './testing/ticket.builder.js';

const week = [{ start: '09:00', end: '17:00' }];
const london: BusinessCalendar = { zone: 'Europe/London', alwaysOpen: false, week: { 1: week, 2: week, 3: week, 4: week, 5: week }, holidays: [], extraWorkingDays: [] };
const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' }).toJSDate();

describe('re-planning the SLA clocks after a calendar change', () => {
  // Opened Friday 16:00 on the 24×7 calendar: first response due 17:00, resolution (48 h) due Sunday 16:00.
  const friday = local('2026-03-06T16:00');
  const ticket = aTicket({ createdAt: friday, firstResponseDueAt: local('2026-03-06T17:00'), resolutionDueAt: local('2026-03-08T16:00') });

  it('moves unmet due times onto the new calendar and says so on the timeline', () => {
    const decision = replanSlaClocks(ticket, { ...SLA, calendar: london }, 'calendar "London office" edited');
    // 60 working minutes: Friday 16:00-17:00. 2,880 working minutes = 6 days of 8 hours: Friday's hour, then 5 days and 7 hours.
    expect(decision?.patch).toEqual({ firstResponseDueAt: local('2026-03-06T17:00'), resolutionDueAt: local('2026-03-16T16:00') });
    expect(decision?.events).toEqual([
      expect.objectContaining({
        type: 'sla_replanned',
        visibility: 'internal',
        payload: {
          reason: 'calendar "London office" edited',
          firstResponseDueAt: { from: friday.toISOString().replace('16:00', '17:00'), to: local('2026-03-06T17:00').toISOString() },
          resolutionDueAt: { from: local('2026-03-08T16:00').toISOString(), to: local('2026-03-16T16:00').toISOString() },
        },
      }),
    ]);
  });

  it('changes nothing twice, nor a met first response, nor a resolved ticket', () => {
    const once = replanSlaClocks(ticket, { ...SLA, calendar: london }, 'x');
    expect(replanSlaClocks({ ...ticket, ...once!.patch }, { ...SLA, calendar: london }, 'x')).toBeNull();
    const answered = aTicket({ ...ticket, status: 'open', ownerId: LI.id, firstResponseAt: friday });
    expect(replanSlaClocks(answered, { ...SLA, calendar: london }, 'x')?.patch.firstResponseDueAt).toEqual(ticket.firstResponseDueAt);
    expect(replanSlaClocks(aResolvedTicket(), { ...SLA, calendar: london }, 'x')).toBeNull();
  });

  it('keeps the waits for the customer the ticket already had', () => {
    const waitedTwoHours = { ...ticket, slaPausedMinutes: 120 };
    expect(replanSlaClocks(waitedTwoHours, { ...SLA, calendar: london }, 'x')?.patch.resolutionDueAt).toEqual(local('2026-03-17T10:00'));
  });

  describe('keeps the targets the ticket was planned with, moving only the calendar', () => {
    // The policy row as a supervisor shortened it after the ticket was opened (60 min / 48 h then).
    const shortened = { ...SLA, firstResponseMinutes: 15, resolutionMinutes: 240 };
    const onLondon = replanSlaClocks(ticket, { ...SLA, calendar: london }, 'x')!.patch;

    it('after the policy row changed: the same due times as under the old row, nothing due at once', () => {
      const decision = replanSlaClocks(ticket, { ...shortened, calendar: london }, 'calendar "London office" edited');
      expect(decision?.patch).toEqual(onLondon);
      expect(decision?.events[0].payload).toMatchObject({ resolutionDueAt: { to: local('2026-03-16T16:00').toISOString() } });
      // The same calendar: nothing moves at all.
      expect(replanSlaClocks(ticket, shortened, 'default calendar saved')).toBeNull();
    });

    it('after the critical stage raised its priority: re-planned with the targets of the priority it was opened with', () => {
      // 150% of the first response passed: normal becomes high, whose policy is far shorter.
      const critical = reachSlaThreshold(ticket, { target: 'first_response', stage: 'critical', dueAt: ticket.firstResponseDueAt! }, local('2026-03-06T17:30'), { teamAgentIds: [], seniorAndSupervisorIds: [] })!;
      const raised = { ...ticket, ...critical.patch };
      expect(raised.priority).toBe('high');
      const high = { firstResponseMinutes: 15, updateCadenceMinutes: 60, resolutionMinutes: 480 };
      expect(replanSlaClocks(raised, { ...high, calendar: london }, 'x')?.patch).toEqual(onLondon);
      expect(replanSlaClocks(raised, high, 'x')).toBeNull();
    });

    it('a ticket planned before tickets kept their targets takes the policy row, and keeps it from then on', () => {
      const unrecorded = { ...ticket, plannedTargets: null };
      const decision = replanSlaClocks(unrecorded, { ...SLA, calendar: london }, 'x');
      expect(decision?.patch).toEqual({ ...onLondon, plannedTargets: { firstResponseMinutes: 60, resolutionMinutes: 2_880 } });
      expect(replanSlaClocks({ ...unrecorded, ...decision!.patch }, { ...shortened, calendar: london }, 'x')).toBeNull();
    });
  });
});
