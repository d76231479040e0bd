import type { TicketKind } from './vocabulary.js';

/** Targets of one SLA policy row (priority x tier), in minutes. */
export interface SlaTargets {
  firstResponseMinutes: number;
  updateCadenceMinutes: number;
  resolutionMinutes: number;
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

export function initialDueTimes(kind: TicketKind, targets: SlaTargets, createdAt: Date): InitialDueTimes {
  const resolutionMinutes =
    kind === 'complaint' ? Math.min(targets.resolutionMinutes, COMPLAINT_RESOLUTION_MINUTES) : targets.resolutionMinutes;
  return {
    firstResponseDueAt: addMinutes(createdAt, targets.firstResponseMinutes),
    resolutionDueAt: addMinutes(createdAt, resolutionMinutes),
  };
}

/** The owner promises the customer an update within the cadence of every agent touch. */
export function nextUpdateDue(targets: SlaTargets, from: Date): Date {
  return addMinutes(from, targets.updateCadenceMinutes);
}
