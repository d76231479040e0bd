import { DeliveryFailed } from './delivery-failed.js';

/** A signal that fires after `timeoutMs` or when the caller's signal does, whichever comes first. */
export function deadlineSignal(timeoutMs: number, signal?: AbortSignal): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

/** The failure for a request cut short by `deadlineSignal`. */
export function failureForAbort(target: string, timeoutMs: number, signal?: AbortSignal): DeliveryFailed {
  return signal?.aborted
    ? new DeliveryFailed('aborted', `Sending to ${target} was aborted.`, { cause: signal.reason })
    : new DeliveryFailed('timeout', `${target} did not answer within ${timeoutMs} ms.`);
}
