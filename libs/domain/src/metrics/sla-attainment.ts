/**
 * The SLA due times a ticket was given when it was opened. They are fixed for the ticket's life, so
 * whether a resolution met them can be judged again from the events at any time.
 */
export interface SlaDueTimes {
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

export interface SlaBreaches {
  firstResponse: boolean;
  resolution: boolean;
}

/** Shares of resolved tickets that met their targets, from 0 to 1; `null` when nothing was resolved. */
export interface SlaAttainment {
  firstResponse: number | null;
  resolution: number | null;
  /** Met every target. */
  overall: number | null;
}

const NO_BREACH: SlaBreaches = { firstResponse: false, resolution: false };

/**
 * Judges a resolution against the ticket's due times; a target is met at its due instant and missed
 * just after it. A ticket resolved without any first response missed that target if the resolution,
 * the first the customer heard, came after it. A ticket without a due time cannot miss it.
 */
export function slaBreachesOf(firstResponseAt: Date | null, resolvedAt: Date, due: SlaDueTimes | undefined): SlaBreaches {
  if (!due) return NO_BREACH;
  const late = (at: Date, dueAt: Date | null) => dueAt !== null && at.getTime() > dueAt.getTime();
  return {
    firstResponse: late(firstResponseAt ?? resolvedAt, due.firstResponseDueAt),
    resolution: late(resolvedAt, due.resolutionDueAt),
  };
}

function metShare(breaches: number, resolved: number): number | null {
  return resolved === 0 ? null : (resolved - breaches) / resolved;
}

/** From counts of resolved tickets and of those that missed each target (`breached`: missed any). */
export function slaAttainmentOf(counts: { resolved: number; firstResponseBreaches: number; resolutionBreaches: number; slaBreached: number }): SlaAttainment {
  return {
    firstResponse: metShare(counts.firstResponseBreaches, counts.resolved),
    resolution: metShare(counts.resolutionBreaches, counts.resolved),
    overall: metShare(counts.slaBreached, counts.resolved),
  };
}
