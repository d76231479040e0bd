// Loads a SearchCorpus (test/bench/search-corpus.generator.mjs) into the real schema with
// PostgreSQL COPY, as the metrics benchmark loads its history: text format, one transaction per
// batch of tickets (with their events and messages), generation of the next batch overlapping the
// load of the last. The session runs with session_replication_role = replica, so the live_outbox and
// job_outbox triggers (which would queue every historical event for the live stream and the worker)
// and the foreign-key checks stay off for the bulk load; the generator keeps references consistent.
// Used by search.bench.mjs and by test/integration/search-relevance.suite.ts.
import { copyInto } from './pg-copy.mjs';

const CUSTOMER_COLUMNS = ['id', 'name', 'email', 'phone', 'tier', 'locale'];
const customerValues = (c) => [c.id, c.name, c.email, c.phone, c.tier, c.locale];
const TICKET_COLUMNS = [
  'id', 'code', 'tracking_token_hash', 'subject', 'description', 'channel', 'kind', 'priority', 'tier', 'status', 'team_id', 'customer_id',
  'owner_id', 'first_responder_id', 'created_at', 'first_response_at', 'last_customer_visible_update_at', 'resolved_at', 'closed_at',
  'first_response_due_at', 'resolution_due_at', 'tags', 'resolution', 'last_seq', 'updated_at',
];
const ticketValues = (t) => [
  t.id, t.code, t.trackingTokenHash, t.subject, t.description, t.channel, t.kind, t.priority, t.tier, t.status, t.teamId, t.customerId,
  t.ownerId, t.firstResponderId, t.createdAt, t.firstResponseAt, t.lastCustomerVisibleUpdateAt, t.resolvedAt, t.closedAt,
  t.firstResponseDueAt, t.resolutionDueAt, t.tags, t.resolution, t.lastSeq, t.updatedAt,
];
const EVENT_COLUMNS = ['ticket_id', 'seq', 'type', 'visibility', 'actor_type', 'actor_id', 'actor_name', 'payload', 'created_at'];
const eventValues = (e) => [e.ticketId, e.seq, e.type, e.visibility, e.actorType, e.actorId, e.actorName, JSON.stringify(e.payload), e.createdAt];
const MESSAGE_COLUMNS = ['id', 'ticket_id', 'event_seq', 'author_type', 'author_id', 'visibility', 'body', 'created_at', 'channel'];
const messageValues = (m) => [m.id, m.ticketId, m.eventSeq, m.authorType, m.authorId, m.visibility, m.body, m.createdAt, m.channel];

/**
 * Loads customers, then tickets with their events and messages, `batchSize` tickets a transaction.
 * `client` is a dedicated pg client (not a pool). Returns the counts and the time spent.
 */
export async function loadSearchCorpus(client, corpus, { batchSize = 10_000, onProgress = () => undefined } = {}) {
  const started = Date.now();
  const counts = { customers: 0, tickets: 0, events: 0, messages: 0 };
  await client.query('SET session_replication_role = replica');
  try {
    for (const batch of corpus.customers(batchSize)) {
      await copyInto(client, 'customers', CUSTOMER_COLUMNS, batch, customerValues);
      counts.customers += batch.length;
    }
    let inFlight = Promise.resolve();
    for (const batch of corpus.batches(batchSize)) {
      await inFlight;
      inFlight = (async () => {
        await client.query('BEGIN');
        await copyInto(client, 'tickets', TICKET_COLUMNS, batch.tickets, ticketValues);
        await copyInto(client, 'ticket_events', EVENT_COLUMNS, batch.events, eventValues);
        await copyInto(client, 'messages', MESSAGE_COLUMNS, batch.messages, messageValues);
        await client.query('COMMIT');
      })();
      // Generation of the next batch runs while this one is copied; a failure surfaces at the next await.
      inFlight.catch(() => undefined);
      counts.tickets += batch.tickets.length;
      counts.events += batch.events.length;
      counts.messages += batch.messages.length;
      onProgress(counts, Date.now() - started);
    }
    await inFlight;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.query('RESET session_replication_role');
  }
  return { ...counts, seconds: (Date.now() - started) / 1000 };
}
