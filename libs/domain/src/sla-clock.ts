import { addBusinessMinutes, ALWAYS_OPEN_UTC, type BusinessCalendar } from './business-time/index.js';
import type { TicketKind } from './vocabulary.js';

/** Targets of one SLA policy row (priority x tier), in minutes of the calendar's working time. */
export interface SlaTargets {
  firstResponseMinutes: number;
  updateCadenceMinutes: number;
  resolutionMinutes: number;
  /** When the clocks run (the policy's, else the team's, else the default calendar); absent is 24×7. */
  calendar?: BusinessCalendar;
  /** The calendar of a complaint's 24-hour cap; absent is 24×7, so a complaint never waits a weekend. */
  complaintCapCalendar?: BusinessCalendar;
  /** Whether the resolution clock stops while the ticket waits for the customer; absent is yes. */
  pausesWhileWaitingForCustomer?: boolean;
}

/**
 * The first-response and resolution targets a ticket's due times were planned with, kept on the
 * ticket: a policy changed later applies to tickets opened after it, and a priority the critical
 * stage raised does not shorten the clocks already running.
 */
export type PlannedSlaTargets = Pick<SlaTargets, 'firstResponseMinutes' | 'resolutionMinutes'>;

export function plannedTargetsOf(targets: SlaTargets): PlannedSlaTargets {
  return { firstResponseMinutes: targets.firstResponseMinutes, resolutionMinutes: targets.resolutionMinutes };
}

/**
 * The targets to plan a ticket's due times again with (on a new calendar, after a wait): its own,
 * with the calendars and cadence of `current`. A ticket planned before tickets kept their targets
 * (null) takes the policy's.
 */
export function ticketTargets(ticket: { plannedTargets: PlannedSlaTargets | null }, current: SlaTargets): SlaTargets {
  return ticket.plannedTargets ? { ...current, ...ticket.plannedTargets } : current;
}

/** Complaints are the 24-hour channel whatever their priority. */
export const COMPLAINT_RESOLUTION_MINUTES = 24 * 60;

export interface InitialDueTimes {
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
}

export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

export function slaCalendar(targets: Pick<SlaTargets, 'calendar'>): BusinessCalendar {
  return targets.calendar ?? ALWAYS_OPEN_UTC;
}

/**
 * The due times of a ticket opened at `createdAt`. `pausedMinutes`, the working minutes its
 * resolution clock already stood still while waiting for the customer, push the resolution back
 * (a re-plan from creation keeps the waits a ticket had).
 */
export function initialDueTimes(kind: TicketKind, targets: SlaTargets, createdAt: Date, pausedMinutes = 0): InitialDueTimes {
  const calendar = slaCalendar(targets);
  let resolutionDueAt = addBusinessMinutes(calendar, createdAt, targets.resolutionMinutes + pausedMinutes);
  let firstResponseDueAt = addBusinessMinutes(calendar, createdAt, targets.firstResponseMinutes);
  if (kind === 'complaint') {
    const cap = addBusinessMinutes(targets.complaintCapCalendar ?? ALWAYS_OPEN_UTC, createdAt, COMPLAINT_RESOLUTION_MINUTES + pausedMinutes);
    if (cap < resolutionDueAt) resolutionDueAt = cap;
    // A complaint resolved within 24 hours is answered within them too: never "first answer Monday, solved by Sunday".
    if (resolutionDueAt < firstResponseDueAt) firstResponseDueAt = resolutionDueAt;
  }
  return { firstResponseDueAt, resolutionDueAt };
}

/** The owner promises the customer an update within the cadence of every agent touch, in working time. */
export function nextUpdateDue(targets: SlaTargets, from: Date): Date {
  return addBusinessMinutes(slaCalendar(targets), from, targets.updateCadenceMinutes);
}
