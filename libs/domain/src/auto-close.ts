import { isWithinReopenWindow, type ResolutionWindows } from './resolution-windows.js';
import type { TicketDecision } from './ticket-decision.js';
import { SYSTEM, type Ticket } from './ticket.js';

/** A resolution settles when its reopen window ends; returns null while the window is open. */
export function closeSettledResolution(ticket: Ticket, now: Date, windows: ResolutionWindows): TicketDecision | null {
  if (ticket.status !== 'resolved' || isWithinReopenWindow(ticket, now, windows)) return null;
  return {
    patch: { status: 'closed', closedAt: now, pendingHandoffToId: null, handoffNote: null },
    events: [{ type: 'status_changed', visibility: 'public', actor: SYSTEM, payload: { from: 'resolved', to: 'closed' } }],
  };
}
