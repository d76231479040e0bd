import { CustomerErasures, rebuildSearchIndex } from '@firsthand/persistence';
import { MAX_PREFIX_WORDS } from '@firsthand/search';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

// A query's prefix is looked up in the index's vocabulary (`search_words`) and asked of the GIN
// indexes as the words it reaches (docs/search.md, "Prefixes as words"). That is only right while
// the vocabulary holds every word of every document: a word missing there is a match the search
// no longer finds. Here: the write path, the rebuild, writers at once, and an erasure.

describe('search: prefixes asked as the words they reach', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let agent: TestAgent;

  beforeAll(async () => {
    api = await startApi();
    f = new HelpdeskFactory(api);
    const team = await f.team('Marsupial desk', true);
    agent = await f.agent('supervisor', team, 'Gao Lan');
  });
  afterAll(() => api?.close());

  const db = () => api.database.db;
  /** Words of documents that the vocabulary lacks (period lexemes aside): none, always. */
  const wordsMissing = async (): Promise<string[]> =>
    (
      await db().query(
        `SELECT DISTINCT w FROM ticket_search s, unnest(tsvector_to_array(s.public_doc || s.internal_doc)) w
         WHERE w NOT LIKE '@%' AND NOT EXISTS (SELECT 1 FROM search_words sw WHERE sw.word = w) ORDER BY w`,
      )
    ).map((r: { w: string }) => r.w);
  const vocabulary = async (words: string[]): Promise<string[]> =>
    (await db().query(`SELECT word FROM search_words WHERE word = ANY($1::text[]) ORDER BY word`, [words])).map((r: { word: string }) => r.word);
  const found = async (q: string, sort = 'relevance'): Promise<string[]> => {
    const { body } = await api.http.get('/api/search').query({ q, sort, limit: 50 }).set(agent.auth).expect(200);
    return body.items.map((i: { ticket: { id: string } }) => i.ticket.id).sort();
  };
  const reply = (ticketId: string, body: string, visibility: 'public' | 'internal' = 'internal') =>
    api.http.post(`/api/tickets/${ticketId}/messages`).set(agent.auth).send({ body, visibility }).expect(201);

  it("finds a word written a moment ago beside older words of the same prefix: each document's words join the vocabulary with it", async () => {
    const older = await f.customerTicket({ subject: 'Numbatfish in the pond', description: 'It swims.' });
    const newer = await f.customerTicket({ subject: 'Feeding question', description: 'What do they eat?' });
    await reply(newer.id, 'We sell numbatfood by the kilo.');
    await reply(newer.id, 'Numbatchow is out of stock.', 'public');
    const both = [older.id, newer.id].sort();
    expect(await found('numbat')).toEqual(both);
    expect(await found('numbatf')).toEqual(both);
    expect(await found('numbatc')).toEqual([newer.id]);
    expect(await found('numbatf', 'newest')).toEqual(both);
    expect(await vocabulary(['numbatchow', 'numbatfish', 'numbatfood'])).toEqual(['numbatchow', 'numbatfish', 'numbatfood']);
    expect(await wordsMissing()).toEqual([]);
  });

  it('keeps a prefix that reaches more words than are looked up one by one, and finds every match either way', async () => {
    const many = Array.from({ length: MAX_PREFIX_WORDS + 10 }, (_, i) => `wombat${String(i).padStart(3, '0')}`);
    const crowd = await f.customerTicket({ subject: 'Wombat census', description: many.join(' ') });
    const single = await f.customerTicket({ subject: 'Wombatting about', description: 'A walk.' });
    expect(await found('wombat')).toEqual([crowd.id, single.id].sort());
    expect(await found('wombat05')).toEqual([crowd.id]);
    expect(await found('wombatt')).toEqual([single.id]);
    expect(await found('wombat0599')).toEqual([]);
  });

  it('quotes every word it asks for: a lexeme holding a quote or a backslash (none today, from another tokenizer tomorrow) is found, not a 500', async () => {
    const odd = await f.customerTicket({ subject: 'Marsupial sighting', description: 'Near the shed.' });
    const lexemes = ["quollo'reilly", 'dunnart\\path'];
    await db().query(`UPDATE ticket_search SET public_doc = public_doc || array_to_tsvector($2::text[]) WHERE ticket_id = $1`, [odd.id, lexemes]);
    await db().query(`INSERT INTO search_words (word) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [lexemes]);
    expect(await vocabulary(lexemes)).toHaveLength(2);
    expect(await found('quollo')).toEqual([odd.id]);
    expect(await found('dunnart')).toEqual([odd.id]);
  });

  it('rebuilds the vocabulary with the documents (npm run search:rebuild)', async () => {
    await db().query(`TRUNCATE search_words`);
    const before = await wordsMissing();
    expect(before).toEqual(expect.arrayContaining(['numbatfood', 'wombat059']));
    await rebuildSearchIndex(api.database.url);
    expect(await wordsMissing()).toEqual([]);
    expect(await found('numbatf')).toHaveLength(2);
  });

  it('takes the same new words from many writers at once, in any order: every reply commits and is found by each word', async () => {
    const words = Array.from({ length: 12 }, (_, i) => `quokka${String.fromCharCode(97 + i)}${String.fromCharCode(97 + i)}`);
    const tickets = await Promise.all(Array.from({ length: 16 }, (_, i) => f.customerTicket({ subject: `Quokka sighting ${i}`, description: 'Near the beach.' })));
    const shuffled = (n: number) => words.map((w, i) => ({ w, key: (i * 7 + n * 5) % words.length })).sort((a, b) => a.key - b.key).map((x) => x.w);
    await Promise.all(tickets.map((t, n) => reply(t.id, `Seen: ${shuffled(n).join(' ')}.`)));
    expect(await vocabulary(words)).toEqual([...words].sort());
    const ids = tickets.map((t) => t.id).sort();
    for (const word of words) expect(await found(word.slice(0, 8))).toEqual(ids);
    expect(await wordsMissing()).toEqual([]);
  });

  it("forgets an erased customer's own words and keeps those other documents hold; a later document brings a word back", async () => {
    const erased = await f.customerTicket({ subject: 'Bilbyzork kettle broke', description: 'Order bilbyzork-7731 leaks.' }, { name: 'Wilhelmina Quist' });
    await reply(erased.id, 'Kettleplate bilbyzork replaced.');
    const kept = await f.customerTicket({ subject: 'Kettle lid loose', description: 'Kettleplate wobbles.' });
    expect(await vocabulary(['bilbyzork', 'kettleplate', 'wilhelmina', '7731'])).toEqual(['7731', 'bilbyzork', 'kettleplate', 'wilhelmina']);

    await new CustomerErasures(db()).eraseTicketTexts([erased.id], 'Erased customer #1');
    expect(await vocabulary(['bilbyzork', 'kettleplate', 'wilhelmina', '7731'])).toEqual(['kettleplate']);
    expect(await found('kettlepl')).toEqual([kept.id]);
    expect(await found('bilbyz')).toEqual([]);
    expect(await wordsMissing()).toEqual([]);

    await reply(kept.id, 'Bilbyzork is a brand we do not sell.');
    expect(await found('bilbyz')).toEqual([kept.id]);
  });
});
