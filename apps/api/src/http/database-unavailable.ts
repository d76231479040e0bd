/** Seconds a client is told to wait (Retry-After) when PostgreSQL cannot take its request now. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// SQLSTATE classes and codes meaning "the database cannot serve you now", not "your request is wrong":
// 08 connection exception, 53300 too many connections, 57P01-57P03 shutting down or starting up.
const UNAVAILABLE_STATES = /^(08...|53300|57P0[123])$/;
// The socket codes: refused (not listening), reset or EPIPE (a write to a connection the server's
// death has just cut); "not queryable" is pg's client after such a cut.
const UNAVAILABLE_SOCKET_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']);
const UNAVAILABLE_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|connection timeout|ECONNREFUSED|ECONNRESET|EPIPE|is not queryable|the database system is (starting up|shutting down)/i;

interface ErrorShape {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
}

/**
 * True when an error says PostgreSQL is out of reach (pool exhausted past its connect timeout,
 * connection refused or cut, even mid-write, server starting or stopping): a 503 the client may retry, not a 500.
 * Looks through TypeORM's wrapper (`driverError`) and `cause` by shape, so no driver is imported.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const { code, message, driverError, cause } = error as ErrorShape;
  if (typeof code === 'string' && (UNAVAILABLE_STATES.test(code) || UNAVAILABLE_SOCKET_CODES.has(code))) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
  return isDatabaseUnavailable(driverError, depth + 1) || isDatabaseUnavailable(cause, depth + 1);
}
