import type { Ticket } from './ticket.js';

/**
 * The windows that decide when a resolution settles: a customer may reopen within `reopenDays`
 * of the resolution, and a new ticket from the same customer within `repeatContactDays` is a repeat
 * contact of the earlier one. Both are configuration.
 */
export interface ResolutionWindows {
  reopenDays: number;
  repeatContactDays: number;
}

export const DEFAULT_RESOLUTION_WINDOWS: ResolutionWindows = { reopenDays: 7, repeatContactDays: 7 };

const DAY_MS = 86_400_000;

export function reopenWindowEndsAt(ticket: Pick<Ticket, 'resolvedAt'>, windows: ResolutionWindows): Date | null {
  return ticket.resolvedAt ? new Date(ticket.resolvedAt.getTime() + windows.reopenDays * DAY_MS) : null;
}

export function isWithinReopenWindow(ticket: Pick<Ticket, 'status' | 'resolvedAt'>, now: Date, windows: ResolutionWindows): boolean {
  const endsAt = reopenWindowEndsAt(ticket, windows);
  return ticket.status === 'resolved' && endsAt !== null && now.getTime() <= endsAt.getTime();
}

/** The moment before which a resolved ticket must have been resolved to close automatically now. */
export function autoCloseCutoff(now: Date, windows: ResolutionWindows): Date {
  return new Date(now.getTime() - windows.reopenDays * DAY_MS);
}

export function repeatContactCutoff(now: Date, windows: ResolutionWindows): Date {
  return new Date(now.getTime() - windows.repeatContactDays * DAY_MS);
}
