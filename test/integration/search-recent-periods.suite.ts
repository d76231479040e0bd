import { randomBytes } from 'node:crypto';
import { RANKED_CANDIDATES, rebuildSearchIndex } from '@firsthand/persistence';
import { periodLexeme } from '@firsthand/search';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

// A word that is rare among the newest 2,000 documents is looked up in the GIN indexes for its last
// four 28-day periods first, and for all its matches only when those hold too few: docs/search.md,
// "Recent periods first". Either way the word's newest RANKED_CANDIDATES matches must be ranked,
// and every match listed once. Here 2,100 tickets of the last two days hold none of the words, and
// each word's matches lie in chosen ages, so that each way is the one taken. The last four periods
// reach back 84 to 112 days.

const DAY_MS = 24 * 3600 * 1000;
const FILLERS = 2_100;

describe('search: a sparse word found in its recent periods first', () => {
  let api: ApiHarness;
  let supervisor: TestAgent;
  let teamId: string;
  let customerId: string;
  let seeded = 0;

  beforeAll(async () => {
    api = await startApi();
    const f = new HelpdeskFactory(api);
    teamId = await f.team('Aquarium desk', true);
    supervisor = await f.agent('supervisor', teamId, 'Fang Yu');
    [{ id: customerId }] = await api.database.db.query(
      `INSERT INTO customers (name, email, tier, locale) VALUES ('Pond Keeper', 'keeper@pond.example', 'standard', 'en') RETURNING id`,
    );
    // Minutes apart over the last day and a half: the newest 2,000 documents hold none of the words.
    await seed('Filter pump humming', Array.from({ length: FILLERS }, (_, i) => (i + 1) * 60_000));
    // zebrafish: 250 in the last 40 days, 250 more 150 to 300 days ago: the recent periods decide.
    // And one dated 60 days ahead of this clock (another host's clock, imported data), past the periods'
    // end whatever today's date: still the newest.
    await seed('Zebrafish tank leaking', ages(250, 3, 40), ages(250, 150, 300), [-60 * DAY_MS]);
    // axolotl: 150 in the last 40 days, 200 older: too few recent ones, so all are read.
    await seed('Axolotl gills pale', ages(150, 3, 40), ages(200, 150, 300));
    // newt: 50 and 50: fewer than RANKED_CANDIDATES in all, every match is ranked.
    await seed('Newt escaped the terrarium', ages(50, 3, 40), ages(50, 150, 300));
    // All zebrafish tickets but the newest 200 (those ranked) are urgent: asked for urgent ones, the
    // ranked matches leave the first page empty and the older ones must fill it.
    await api.database.db.query(
      `UPDATE tickets SET priority = 'urgent' WHERE subject = 'Zebrafish tank leaking'
         AND id NOT IN (SELECT id FROM tickets WHERE subject = 'Zebrafish tank leaking' ORDER BY created_at DESC LIMIT $1)`,
      [RANKED_CANDIDATES],
    );
    // Their documents, as `npm run search:rebuild` writes them.
    const rebuilt = await rebuildSearchIndex(api.database.url);
    expect(rebuilt.tickets).toBe(seeded);
  }, 120_000);
  afterAll(() => api?.close());

  /** `count` ages in milliseconds, spread evenly from `fromDays` to `toDays` ago. */
  function ages(count: number, fromDays: number, toDays: number): number[] {
    return Array.from({ length: count }, (_, i) => (fromDays + ((toDays - fromDays) * i) / count) * DAY_MS);
  }

  async function seed(subject: string, ...agesMs: number[][]): Promise<void> {
    const all = agesMs.flat();
    await api.database.db.query(
      `INSERT INTO tickets (id, code, tracking_token_hash, subject, description, channel, kind, priority, tier, status, team_id, customer_id,
         created_at, first_response_due_at, resolution_due_at, last_seq, updated_at)
       SELECT gen_random_uuid(), 'FH-' || upper(substr(md5($1 || n), 1, 8)), md5(random()::text), $1, 'Seen this morning.', 'web', 'problem',
         'normal', 'standard', 'new', $2, $3, at, at + interval '1 hour', at + interval '1 day', 0, at
       FROM unnest($4::float8[]) WITH ORDINALITY AS a(age, n)
       -- To the millisecond, as the API's clock writes a ticket's creation (and its document's copy of it).
       CROSS JOIN LATERAL (SELECT date_trunc('milliseconds', now() - age * interval '1 millisecond') AS at) t`,
      [`${subject}-${randomBytes(4).toString('hex')}`, teamId, customerId, all],
    );
    await api.database.db.query(`UPDATE tickets SET subject = split_part(subject, '-', 1) WHERE subject LIKE $1`, [`${subject}-%`]);
    seeded += all.length;
  }

  /** Every page of a search, in order. */
  async function walk(q: string, filters: Record<string, string> = {}): Promise<{ ids: string[]; first: { rankedFromUs: boolean } }> {
    const ids: string[] = [];
    let cursor: string | null = null;
    let firstCursor: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const query: Record<string, string | number> = { q, limit: 50, ...filters };
      if (cursor) query.cursor = cursor;
      const res: { body: { items: Array<{ ticket: { id: string }; match: string }>; nextCursor: string | null } } = await api.http
        .get('/api/search')
        .query(query)
        .set(supervisor.auth)
        .expect(200);
      ids.push(...res.body.items.map((item) => item.ticket.id));
      firstCursor ??= res.body.nextCursor;
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(cursor).toBeNull();
    // The cursor's sixth field is where ranking stopped (a creation time), null when every match was ranked.
    const fields: unknown[] = firstCursor ? JSON.parse(Buffer.from(firstCursor, 'base64url').toString('utf8')) : [];
    return { ids, first: { rankedFromUs: typeof fields[5] === 'string' } };
  }

  /** The word's matches, newest first: all carry the same words, so they rank alike and time decides. */
  async function newestFirst(subject: string, priority?: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await api.database.db.query(
      `SELECT id FROM tickets WHERE subject = $1 AND ($2::text IS NULL OR priority = $2) ORDER BY created_at DESC, id DESC`,
      [subject, priority ?? null],
    );
    return rows.map((r) => r.id);
  }

  it('writes each document with its ticket’s period, on opening a ticket as in the rebuild', async () => {
    const [{ missing }] = await api.database.db.query(
      `SELECT count(*)::int AS missing FROM ticket_search s
       WHERE NOT (s.public_doc @@ ('''@p' || floor(extract(epoch FROM s.created_at) / 2419200)::bigint || '''')::tsquery
              AND s.internal_doc @@ ('''@p' || floor(extract(epoch FROM s.created_at) / 2419200)::bigint || '''')::tsquery)`,
    );
    expect(missing).toBe(0);
    const opened = await new HelpdeskFactory(api).customerTicket({ subject: 'Heater stuck on', description: 'The water is too warm.' });
    const [doc] = await api.database.db.query(`SELECT public_doc::text AS pub, internal_doc::text AS internal, created_at FROM ticket_search WHERE ticket_id = $1`, [opened.id]);
    expect(doc.pub).toContain(`'${periodLexeme(new Date(doc.created_at))}'`);
    expect(doc.internal).toBe(`'${periodLexeme(new Date(doc.created_at))}'`);
    // Periods are not words: nothing typed can match one.
    const res = await api.http.get('/api/search').query({ q: periodLexeme(new Date(doc.created_at)).slice(1) }).set(supervisor.auth).expect(200);
    expect(res.body.items.map((i: { ticket: { id: string } }) => i.ticket.id)).not.toContain(opened.id);
  });

  it('ranks the newest matches of the recent periods when they hold enough, then lists every older match once, newest first', async () => {
    const expected = await newestFirst('Zebrafish tank leaking');
    expect(expected).toHaveLength(501);
    const { ids, first } = await walk('zebrafish');
    // Equal documents rank equally: the ranked newest come first in time order, then the unranked older ones.
    expect(ids).toEqual(expected);
    expect(first.rankedFromUs).toBe(true);
  });

  it('reads every match when the recent periods hold too few, and still ranks only the newest', async () => {
    const expected = await newestFirst('Axolotl gills pale');
    expect(expected).toHaveLength(350);
    const { ids, first } = await walk('axolotl');
    expect(ids).toEqual(expected);
    expect(first.rankedFromUs).toBe(true);
  });

  it('fills a first page that a filter leaves without ranked matches with the older ones from the indexes, each once', async () => {
    const expected = await newestFirst('Zebrafish tank leaking', 'urgent');
    expect(expected).toHaveLength(301);
    const { ids } = await walk('zebrafish', { priority: 'urgent' });
    expect(ids).toEqual(expected);
  });

  it('ranks every match of a word that has fewer than are ranked, old ones included', async () => {
    const expected = await newestFirst('Newt escaped the terrarium');
    const { ids, first } = await walk('newt');
    expect(ids).toEqual(expected);
    expect(first.rankedFromUs).toBe(false);
  });
});
