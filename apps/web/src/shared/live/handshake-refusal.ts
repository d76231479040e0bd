/** What the gateways answer a handshake they could not check (their database read failed): worth trying again. */
export const GATEWAY_UNAVAILABLE = 'unavailable';

const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 10_000;

/**
 * After socket.io gave up on a handshake (a middleware error ends its own reconnecting): a refused
 * credential stays refused, but a gateway that could not check it (a database failover, a pool
 * timing out while clients of a lost node reconnect) is asked again, later each time, up to 10 s.
 * `attempt` counts the refusals since the last connection, from 1.
 */
export function afterHandshakeRefusal(message: string, attempt: number): { retryInMs: number } | { final: true } {
  if (message !== GATEWAY_UNAVAILABLE) return { final: true };
  return { retryInMs: Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1), LAST_RETRY_MS) };
}
