import type { SlaTargets } from './sla-clock.js';

/** What is stored for one SLA policy: whole seconds, never zero. */
export interface SlaTargetSeconds {
  firstResponseSeconds: number;
  updateCadenceSeconds: number;
  resolutionSeconds: number;
}

export interface SlaTargetProblem {
  field: keyof SlaTargets;
  message: string;
}

export type SlaPolicyDecision = { accepted: true; seconds: SlaTargetSeconds } | { accepted: false; problems: SlaTargetProblem[] };

/** Fractions of a minute are kept to the nearest second (drills), and at least one second. */
export function toStoredSeconds(minutes: number): number {
  return Math.max(1, Math.round(minutes * 60));
}

/**
 * New targets for one policy. The first response is due no later than the resolution, compared as
 * given, before rounding to seconds. Ranges (at least a second, at most a year) are the request's to check.
 */
export function decideSlaTargets(targets: SlaTargets): SlaPolicyDecision {
  if (targets.firstResponseMinutes > targets.resolutionMinutes) {
    return { accepted: false, problems: [{ field: 'firstResponseMinutes', message: 'firstResponseMinutes must not exceed resolutionMinutes' }] };
  }
  return {
    accepted: true,
    seconds: {
      firstResponseSeconds: toStoredSeconds(targets.firstResponseMinutes),
      updateCadenceSeconds: toStoredSeconds(targets.updateCadenceMinutes),
      resolutionSeconds: toStoredSeconds(targets.resolutionMinutes),
    },
  };
}
