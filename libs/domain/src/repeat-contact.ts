import { repeatContactCutoff, type ResolutionWindows } from './resolution-windows.js';
import type { Ticket } from './ticket.js';

export type EarlierTicket = Pick<Ticket, 'id' | 'code' | 'status' | 'ownerId' | 'teamId' | 'createdAt' | 'resolvedAt'>;

/**
 * A customer who writes again while an earlier issue is unresolved, or within the repeat-contact
 * window of its resolution, is coming back about it: the new ticket links to the most recent such
 * ticket, is offered to its owner, and counts against first-contact resolution.
 */
export function findRepeatContactOrigin(
  earlier: EarlierTicket[],
  now: Date,
  windows: ResolutionWindows,
): EarlierTicket | null {
  const cutoff = repeatContactCutoff(now, windows).getTime();
  const candidates = earlier.filter((t) =>
    t.resolvedAt === null ? t.status !== 'closed' : t.resolvedAt.getTime() >= cutoff,
  );
  candidates.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return candidates[0] ?? null;
}
