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

/**
 * Runs `work` with a signal that aborts after `timeoutMs` with a TimeoutError (as
 * `AbortSignal.timeout` does), its timer cleared as soon as the work settles. `AbortSignal.timeout`'s
 * timer stays and fires anyway, building a DOMException nobody reads: one for every send, long after it.
 */
export async function withDeadline<T>(timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), timeoutMs);
  try {
    return await work(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}
