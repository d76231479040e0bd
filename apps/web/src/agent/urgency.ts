import type { SlaTarget } from '@firsthand/domain';
import type { TicketSla, TicketView } from '@firsthand/http-contracts';

export interface DueClock {
  target: SlaTarget;
  dueAt: number;
  /** When this clock started, to tell how much of its window is spent. */
  startedAt: number;
  /**
   * When 80% of its working time is spent, from the API (business time on the ticket's calendar);
   * without it the badge falls back to 80% of the wall-clock window, which is the same on 24×7.
   */
  warnAt?: number | null;
  /** Stopped since then while the ticket waits for the customer: it neither counts down nor turns red; `dueAt` moves when it restarts. */
  pausedAt?: number | null;
}

export type UrgencyLevel = 'ok' | 'warn' | 'breached';

type UrgencyFields = Pick<TicketView, 'status' | 'createdAt' | 'firstResponseAt' | 'lastCustomerVisibleUpdateAt'> & {
  sla: Pick<TicketSla, 'firstResponseDueAt' | 'nextUpdateDueAt' | 'resolutionDueAt'> &
    Partial<Pick<TicketSla, 'firstResponseWarnAt' | 'nextUpdateWarnAt' | 'resolutionWarnAt' | 'resolutionPausedAt'>>;
};

const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : null);

/**
 * The clocks that matter in the ticket's status: a new ticket waits for its first response, an open
 * one for its next promised update, and both for the resolution; a pending one waits on the customer.
 */
export function runningClocks(ticket: UrgencyFields): DueClock[] {
  const created = Date.parse(ticket.createdAt);
  const clocks: Array<{ target: SlaTarget; due: number | null; start: number; warn: number | null; paused?: number | null }> = [];
  const { sla } = ticket;
  if (ticket.status === 'new') clocks.push({ target: 'first_response', due: ms(sla.firstResponseDueAt), start: created, warn: ms(sla.firstResponseWarnAt) });
  if (ticket.status === 'open') {
    const start = ms(ticket.lastCustomerVisibleUpdateAt) ?? ms(ticket.firstResponseAt) ?? created;
    clocks.push({ target: 'next_update', due: ms(sla.nextUpdateDueAt), start, warn: ms(sla.nextUpdateWarnAt) });
  }
  if (ticket.status === 'new' || ticket.status === 'open' || ticket.status === 'pending_customer') {
    const paused = ticket.status === 'pending_customer' ? ms(sla.resolutionPausedAt) : null;
    clocks.push({ target: 'resolution', due: ms(sla.resolutionDueAt), start: created, warn: ms(sla.resolutionWarnAt), paused });
  }
  return clocks
    .filter((c): c is { target: SlaTarget; due: number; start: number; warn: number | null; paused?: number | null } => c.due !== null)
    .map((c) => ({ target: c.target, dueAt: c.due, startedAt: c.start, warnAt: c.warn, ...(c.paused != null ? { pausedAt: c.paused } : {}) }));
}

/** The nearest running clock: what the ticket's badge counts down to and what the queue sorts by. */
export function nearestClock(ticket: UrgencyFields): DueClock | null {
  return runningClocks(ticket).reduce<DueClock | null>((best, c) => (best === null || c.dueAt < best.dueAt ? c : best), null);
}

/**
 * Breached past the due time; a warning once 80% of the clock's working time is spent (when the
 * worker warns the owner too), so a ticket opened on Friday evening stays green over the weekend.
 */
export function urgencyLevel(clock: DueClock, at: number): UrgencyLevel {
  // A stopped clock keeps the level it had when it stopped.
  const now = clock.pausedAt != null ? Math.min(at, clock.pausedAt) : at;
  if (now >= clock.dueAt) return 'breached';
  if (clock.warnAt != null) return now >= clock.warnAt ? 'warn' : 'ok';
  const window = clock.dueAt - clock.startedAt;
  return window > 0 && (now - clock.startedAt) / window >= 0.8 ? 'warn' : 'ok';
}

/** What a badge reads: the time left (negative when over), held where it stopped while the clock is paused. */
export function clockLeft(clock: DueClock, now: number): { leftMs: number; paused: boolean } {
  return clock.pausedAt != null ? { leftMs: Math.max(0, clock.dueAt - clock.pausedAt), paused: true } : { leftMs: clock.dueAt - now, paused: false };
}

/**
 * Most urgent first; tickets without a clock last, oldest first among equals. A clock stopped for
 * the customer's turn sorts by when it would fall due if they answered now (its time left from
 * `now`), not by its frozen due time, which passes while it waits and would put it on top.
 */
export function byUrgency<T extends UrgencyFields & { id: string }>(tickets: readonly T[], now: number = Date.now()): T[] {
  const key = (t: T) => {
    const clock = nearestClock(t);
    if (!clock) return Number.POSITIVE_INFINITY;
    return clock.pausedAt != null ? now + clockLeft(clock, now).leftMs : clock.dueAt;
  };
  return [...tickets].sort((a, b) => key(a) - key(b) || Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id.localeCompare(b.id));
}
