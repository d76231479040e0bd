import { ExpectedSeqAhead, StaleTicketView } from './domain-errors.js';
import { isCustomerAuthored } from './ticket-events.js';
/**
 * An agent's public action carries the last seq they saw. If the customer wrote after it, the
 * action is refused so the agent reads before answering. Other agents' notes do not block.
 */
export function guardAgainstStaleView(expectedSeq, lastSeq, eventsAfterExpected) {
    if (expectedSeq === undefined)
        return;
    if (expectedSeq > lastSeq)
        throw new ExpectedSeqAhead(expectedSeq, lastSeq);
    if (eventsAfterExpected.some(isCustomerAuthored)) {
        throw new StaleTicketView(expectedSeq, eventsAfterExpected);
    }
}
//# sourceMappingURL=stale-view-guard.js.map