export interface RetryBackoff {
  baseMs: number;
  maxMs: number;
}

/**
 * Exponential backoff with full jitter: a random wait in [0, min(maxMs, baseMs * 2^(attempt-1))),
 * so retries of many messages failing together spread out instead of arriving in waves.
 * `attempt` counts from 1 (the first retry).
 */
export function retryDelayMs(attempt: number, backoff: RetryBackoff, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(Math.floor(attempt), 1) - 1, 52);
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}
