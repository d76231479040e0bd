import { randomUUID } from 'node:crypto';
import { NotificationStore } from '@firsthand/persistence';
import { DataSource } from 'typeorm';
import { HelpdeskFactory } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

/**
 * A worker sends under a lease; a lease that ran out lets the sweeper hand the send to another
 * worker. A worker whose lease is about to run out before its send renews it first, and one whose
 * lease already ran out (or whose send moved on) gets nothing: it does not send.
 */
describe('send leases', () => {
  let api: ApiHarness;
  let store: NotificationStore;
  let ticketId: string;

  beforeAll(async () => {
    api = await startApi();
    store = new NotificationStore(api.app.get(DataSource));
    await new HelpdeskFactory(api).team('Lease desk', true);
    ticketId = (await new HelpdeskFactory(api).customerTicket()).id;
  });
  afterAll(() => api.close());

  async function waiting(): Promise<string> {
    const id = randomUUID();
    await api.database.db.query(
      `INSERT INTO notifications (id, dedupe_key, ticket_id, kind, recipient_type, recipient_name, channel, address, locale, text_body, status, max_attempts)
       VALUES ($1::uuid, $3, $2, 'claimed', 'customer', 'Chen', 'email', 'chen@example.com', 'en', 'Hello', 'pending', 5)`,
      [id, ticketId, `lease-test:${id}`],
    );
    return id;
  }
  const leaseOf = async (id: string) => (await api.database.db.query(`SELECT lease_until, attempts FROM notifications WHERE id = $1`, [id]))[0] as { lease_until: Date; attempts: number };

  it('renews a lease still held, to a full lease from now', async () => {
    const id = await waiting();
    const takenAt = new Date(Date.now() - 40_000);
    expect((await store.takeForSending(id, { leaseMs: 45_000, worker: 'w1', now: takenAt })).taken).toBe(true);
    const now = new Date();
    expect(await store.renewLease(id, 1, { leaseMs: 45_000, worker: 'w1', now })).toBe(true);
    expect((await leaseOf(id)).lease_until.getTime()).toBe(now.getTime() + 45_000);
  });

  it('does not renew a lease that ran out, nor one whose send was taken again (another attempt)', async () => {
    const ranOut = await waiting();
    await store.takeForSending(ranOut, { leaseMs: 45_000, worker: 'w1', now: new Date(Date.now() - 50_000) });
    expect(await store.renewLease(ranOut, 1, { leaseMs: 45_000, worker: 'w1', now: new Date() })).toBe(false);

    const takenAgain = await waiting();
    await store.takeForSending(takenAgain, { leaseMs: 45_000, worker: 'w1', now: new Date(Date.now() - 50_000) });
    // The sweeper's hand-over: another worker takes the lapsed send (attempt 2).
    expect((await store.takeForSending(takenAgain, { leaseMs: 45_000, worker: 'w2', now: new Date() })).taken).toBe(true);
    expect(await store.renewLease(takenAgain, 1, { leaseMs: 45_000, worker: 'w1', now: new Date() })).toBe(false);
    expect((await leaseOf(takenAgain)).attempts).toBe(2);
  });
});
