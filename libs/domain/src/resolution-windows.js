export const DEFAULT_RESOLUTION_WINDOWS = { reopenDays: 7, repeatContactDays: 7 };
const DAY_MS = 86_400_000;
export function reopenWindowEndsAt(ticket, windows) {
    return ticket.resolvedAt ? new Date(ticket.resolvedAt.getTime() + windows.reopenDays * DAY_MS) : null;
}
export function isWithinReopenWindow(ticket, now, windows) {
    const endsAt = reopenWindowEndsAt(ticket, windows);
    return ticket.status === 'resolved' && endsAt !== null && now.getTime() <= endsAt.getTime();
}
/** The moment before which a resolved ticket must have been resolved to close automatically now. */
export function autoCloseCutoff(now, windows) {
    return new Date(now.getTime() - windows.reopenDays * DAY_MS);
}
export function repeatContactCutoff(now, windows) {
    return new Date(now.getTime() - windows.repeatContactDays * DAY_MS);
}
//# sourceMappingURL=resolution-windows.js.map