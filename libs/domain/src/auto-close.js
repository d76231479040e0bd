import { isWithinReopenWindow } from './resolution-windows.js';
import { SYSTEM } from './ticket.js';
/** A resolution settles when its reopen window ends; returns null while the window is open. */
export function closeSettledResolution(ticket, now, windows) {
    if (ticket.status !== 'resolved' || isWithinReopenWindow(ticket, now, windows))
        return null;
    return {
        patch: { status: 'closed', closedAt: now, pendingHandoffToId: null, handoffNote: null },
        events: [{ type: 'status_changed', visibility: 'public', actor: SYSTEM, payload: { from: 'resolved', to: 'closed' } }],
    };
}
//# sourceMappingURL=auto-close.js.map