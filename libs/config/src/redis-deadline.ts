/**
 * The longest any call to Redis may take before its caller gives up on it. A request or a worker
 * transaction never waits longer on a Redis outage, stopped or hung: what Redis did not take stays
 * in PostgreSQL (the outboxes, the sweepers) and is handed over once Redis is back.
 */
export const REDIS_DEADLINE_MS = 3000;
