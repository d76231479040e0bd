#!/usr/bin/env node
// Search, query by query: the statement the built `TicketSearchReader` makes for each word query of
// bench:search's mix (and any given with SEARCH_PROFILE_QUERIES, one a line), run under
// EXPLAIN (ANALYZE, BUFFERS) on a loaded bench database, one at a time, as a searching agent of team 1.
// Prints each query's execution time and shared buffers read/hit, and the sums by language.
//
//   DATABASE_URL=postgres://…/firsthand_bench node test/bench/search-profile.mjs [reader.js …]
//
// With several reader files (e.g. the built one and an older build of it), each query is run with
// each reader in turn, so their plans are compared on the same database under the same load.
// Knobs: SEARCH_PROFILE_REPEAT=3 (runs per query and reader; the median is kept), BENCH_LIMIT=20.
import { pathToFileURL } from 'node:url';
import os from 'node:os';
import { resolve } from 'node:path';
import pg from 'pg';
import { ROOT, envInt, fmtLoad } from './lib/bench-kit.mjs';
import { EN_QUERIES, ZH_QUERIES } from './search-queries.mjs';

const REPEAT = envInt('SEARCH_PROFILE_REPEAT', 3, 1, 20);
const LIMIT = envInt('BENCH_LIMIT', 20, 1, 100);
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is required (a database loaded by bench:search)');
  process.exit(78);
}
const readerFiles = process.argv.slice(2).length ? process.argv.slice(2) : [`${ROOT}/dist/apps/api/libs/persistence/src/search/ticket-search.reader.js`];
const { parseSearchQuery } = await import(pathToFileURL(`${ROOT}/dist/apps/api/libs/search/src/search-terms.js`).href);
const readers = [];
for (const file of readerFiles) readers.push({ file, Reader: (await import(pathToFileURL(resolve(file)).href)).TicketSearchReader });

/** The one statement a reader makes for a first page of `q` (recorded, not run); `searchPool` when it goes to its search connections. */
async function statementOf(Reader, agent, q) {
  const statements = [];
  const db = { query: async (text, values) => (statements.push({ text, values }), []) };
  const connections = { rows: async (text, values) => (statements.push({ text, values, searchPool: true }), []) };
  const parsed = parseSearchQuery(q);
  await new Reader(db, connections, { now: () => new Date() }).search(agent, { text: { tsquery: parsed.tsquery, raw: q.trim() } }, 'relevance', LIMIT);
  return statements[0];
}

const client = new pg.Client({ connectionString: url, application_name: 'firsthand-search-profile' });
await client.connect();
// A statement for the reader's search connections runs as the API runs it there: prepared, on its
// generic plan, with the same session settings (SearchConnections).
const { SEARCH_SESSION_OPTIONS } = await import(pathToFileURL(`${ROOT}/dist/apps/api/libs/persistence/src/search/search-connections.js`).href);
const searchClient = new pg.Client({ connectionString: url, application_name: 'firsthand-search-profile', options: SEARCH_SESSION_OPTIONS });
await searchClient.connect();
const prepared = new Map();
/** EXPLAIN's text for a statement, on the connection it runs on: a search-pool one as EXECUTE of its prepared statement. */
async function explainable({ text, values, searchPool }) {
  if (!searchPool) return { on: client, explain: text, values, run: { text, values } };
  let name = prepared.get(text);
  if (!name) {
    name = `profile_${prepared.size + 1}`;
    await searchClient.query(`PREPARE ${name} AS ${text}`);
    prepared.set(text, name);
  }
  const literals = values.map((v) => (v === null || v === undefined ? 'NULL' : searchClient.escapeLiteral(Array.isArray(v) ? toArrayLiteral(v) : v instanceof Date ? v.toISOString() : String(v))));
  return { on: searchClient, explain: `EXECUTE ${name}(${literals.join(', ')})`, values: [], run: { name: `run_${name}`, text, values } };
}
const toArrayLiteral = (items) => `{${items.map((i) => `"${String(i).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
const searcher = (
  await client.query(`SELECT id, name, team_id FROM agents WHERE email = 'search-agent-1-1@bench.firsthand.test'`)
).rows[0];
if (!searcher) throw new Error('no bench searcher in this database: load it with bench:search first');
const agent = { id: searcher.id, name: searcher.name, role: 'agent', teamId: searcher.team_id };
const extra = (process.env.SEARCH_PROFILE_QUERIES ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
const queries = [...ZH_QUERIES.map((q) => ({ kind: 'zh', q })), ...EN_QUERIES.map((q) => ({ kind: 'en', q })), ...extra.map((q) => ({ kind: 'extra', q }))];

console.log(`load ${fmtLoad(os.loadavg())}; ${REPEAT} run(s) per query and reader, median kept; ms and shared buffers (hit+read)`);
const sums = readers.map(() => new Map());
const header = ['query', ...readers.flatMap((_, i) => [`r${i + 1} ms`, `r${i + 1} buffers`]), ...(readers.length > 1 ? ['same page'] : [])];
console.log(header.join('\t'));
for (const { kind, q } of queries) {
  const cells = [q];
  const pages = [];
  for (const [i, { Reader }] of readers.entries()) {
    const { on, explain, values, run } = await explainable(await statementOf(Reader, agent, q));
    const runs = [];
    for (let r = 0; r < REPEAT; r++) {
      const { rows } = await on.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${explain}`, values);
      const plan = rows[0]['QUERY PLAN'][0];
      runs.push({ ms: plan['Execution Time'] + plan['Planning Time'], buffers: plan.Plan['Shared Hit Blocks'] + plan.Plan['Shared Read Blocks'] });
    }
    runs.sort((a, b) => a.ms - b.ms);
    const mid = runs[Math.floor(runs.length / 2)];
    cells.push(mid.ms.toFixed(1), String(mid.buffers));
    const sum = sums[i].get(kind) ?? { ms: 0, n: 0 };
    sums[i].set(kind, { ms: sum.ms + mid.ms, n: sum.n + 1 });
    pages.push((await on.query(run)).rows.map((r) => r.id).join(','));
  }
  if (readers.length > 1) cells.push(pages.every((p) => p === pages[0]) ? 'yes' : 'NO');
  console.log(cells.join('\t'));
}
for (const [i, { file }] of readers.entries()) {
  const line = [...sums[i]].map(([kind, s]) => `${kind} ${s.n} queries: mean ${(s.ms / s.n).toFixed(1)} ms`).join('; ');
  console.log(`r${i + 1} ${file}: ${line}`);
}
console.log(`load ${fmtLoad(os.loadavg())}`);
await client.end();
await searchClient.end();
