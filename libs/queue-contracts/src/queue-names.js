/**
 * Queue and job names are stored inside Redis with every job: changing a value strands the jobs
 * already queued under the old name. Add new names; never rename.
 */
export const QueueName = Object.freeze({
    TicketMaintenance: 'ticket-maintenance',
});
export const JobName = Object.freeze({
    CloseSettledResolutions: 'close-settled-resolutions',
});
//# sourceMappingURL=queue-names.js.map