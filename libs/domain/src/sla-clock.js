/** Complaints are the 24-hour channel whatever their priority. */
export const COMPLAINT_RESOLUTION_MINUTES = 24 * 60;
export function addMinutes(at, minutes) {
    return new Date(at.getTime() + minutes * 60_000);
}
export function initialDueTimes(kind, targets, createdAt) {
    const resolutionMinutes = kind === 'complaint' ? Math.min(targets.resolutionMinutes, COMPLAINT_RESOLUTION_MINUTES) : targets.resolutionMinutes;
    return {
        firstResponseDueAt: addMinutes(createdAt, targets.firstResponseMinutes),
        resolutionDueAt: addMinutes(createdAt, resolutionMinutes),
    };
}
/** The owner promises the customer an update within the cadence of every agent touch. */
export function nextUpdateDue(targets, from) {
    return addMinutes(from, targets.updateCadenceMinutes);
}
//# sourceMappingURL=sla-clock.js.map