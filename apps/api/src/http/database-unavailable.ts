/** Seconds a client is told to wait (Retry-After) when PostgreSQL cannot take its request now. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// SQLSTATE classes and codes meaning "the database cannot serve you now", not "your request is wrong":
// 08 connection exception, 53300 too many connections, 57P01-57P03 shutting down or starting up.
const UNAVAILABLE_STATES = /^(08...|53300|57P0[123])$/;
const UNAVAILABLE_MESSAGES = /timeout exceeded when trying to connect|Connection terminated|connection timeout|ECONNREFUSED|ECONNRESET|the database system is (starting up|shutting down)/i;

interface ErrorShape {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
}

/**
 * True when an error says PostgreSQL is out of reach (pool exhausted past its connect timeout,
 * connection refused or cut, server starting or stopping): a 503 the client may retry, not a 500.
 * Looks through TypeORM's wrapper (`driverError`) and `cause` by shape, so no driver is imported.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const { code, message, driverError, cause } = error as ErrorShape;
  if (typeof code === 'string' && (UNAVAILABLE_STATES.test(code) || code === 'ECONNREFUSED' || code === 'ECONNRESET')) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
  return isDatabaseUnavailable(driverError, depth + 1) || isDatabaseUnavailable(cause, depth + 1);
}
