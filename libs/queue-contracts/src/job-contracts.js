import { JobName, QueueName } from './queue-names.js';
/** Which queue carries each job. */
export const JOB_QUEUE = {
    [JobName.CloseSettledResolutions]: QueueName.TicketMaintenance,
};
/** Job options in one place, keyed by job name. */
export function jobOptions(name) {
    switch (name) {
        case JobName.CloseSettledResolutions:
            // A sweep: if one run fails, the next scheduled run picks up the same tickets.
            return { attempts: 1, removeOnComplete: 100, removeOnFail: 500 };
    }
}
export function jobNamesOf(queue) {
    return Object.keys(JOB_QUEUE).filter((name) => JOB_QUEUE[name] === queue);
}
/** Fails at boot when a queue's job has no handler, so a job never waits for code that is not there. */
export function assertEveryJobHandled(queue, handlers) {
    const missing = jobNamesOf(queue).filter((name) => typeof handlers[name] !== 'function');
    if (missing.length > 0)
        throw new Error(`Queue ${queue} has no handler for: ${missing.join(', ')}`);
    const unknown = Object.keys(handlers).filter((name) => JOB_QUEUE[name] !== queue);
    if (unknown.length > 0)
        throw new Error(`Queue ${queue} has handlers for jobs it does not carry: ${unknown.join(', ')}`);
}
//# sourceMappingURL=job-contracts.js.map