#!/usr/bin/env node
// Search at scale: GET /api/search through the real built API over HTTP, beside the same SQL run
// directly on a pg pool of the same size, in the same run, on a durable PostgreSQL holding 1,000,000
// tickets and 5,000,000 messages (half Chinese, half English, search-corpus.generator.mjs), loaded with
// COPY and indexed by the project's own rebuild (`npm run search:rebuild`). Also the labelled
// relevance set (search-relevance.set.mjs): each of its 50 queries must find its ticket in the top 5.
//
//   node test/bench/search.bench.mjs          (or: npm run bench:search)
//   BENCH_TICKETS=20000 npm run bench:search  (a quick run: 20,000 tickets, 100,000 messages)
//
// Knobs (environment):
//   BENCH_TICKETS=1000000    tickets to generate (at least 1,000)
//   BENCH_MESSAGES           messages to generate (default 5 per ticket: 5,000,000)
//   BENCH_CLIENTS=8          concurrent clients on each side
//   BENCH_QUERIES=2000       measured queries per side (the same list on both), after BENCH_WARMUP=200 per side
//   BENCH_MAX_SECONDS=300    cap per measured phase (a capped phase is marked *)
//   BENCH_POOL_SIZE=10       connections of the direct side's pool and the API's DATABASE_POOL_SIZE
//   BENCH_SEARCH_POOL_SIZE   connections of the direct side's search pool and the API's DATABASE_SEARCH_POOL_SIZE
//                            (default as the API's: the machine's cores, at most 4)
//   BENCH_LIMIT=20           page size asked for (the console's page)
//   BENCH_SEED=20261203      generator seed
//   BENCH_CACHE=1            keep the loaded database in .data/bench-search/<version-sizes-seed>/ and reuse it;
//                            its index is rebuilt when the migrations or the indexing code changed
//                            (0: a temp directory, removed at the end)
//   BENCH_PREPARE_ONLY=1     stop once the database is loaded and indexed (to fill the cache)
//   BENCH_SKIP_BUILD=1       do not run `npm run build` even when dist is missing or older than sources
//   BENCH_KEEP_DIR=1         keep the temp directory (API log; with BENCH_CACHE=0 also PostgreSQL's data)
//
// Targets (issue 12): API p99 < 50 ms and >= 50% of the direct SQL's throughput; the relevance set's
// ticket in the top 5 for >= 90% of its queries. The run exits non-zero when a target is missed or an
// answer is wrong (a non-200, or an API page that differs from the direct SQL's for the same query).
//
// All network traffic goes to 127.0.0.1; every loop is bounded by a count and a deadline.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import bcrypt from 'bcryptjs';
import pg from 'pg';
import { freePort, startPostgres } from '../../scripts/lib/services.mjs';
import {
  API_MAIN,
  ROOT,
  apiEnv,
  BenchError,
  benchDir,
  cpuMeter,
  ensureBuilt,
  envInt,
  fmtLoad,
  insertAgents,
  log,
  logInAgents,
  machineLine,
  onCleanup,
  postgresPids,
  printTable,
  runBench,
  startApi,
  startRedisServer,
  stats,
  warnIfBusy,
} from './lib/bench-kit.mjs';
import { loadSearchCorpus } from './lib/search-corpus-loader.mjs';
import { RELEVANCE_CASES, SEARCH_CORPUS_VERSION, SearchCorpus } from './search-corpus.generator.mjs';
import { EN_QUERIES, ZH_QUERIES } from './search-queries.mjs';

const TICKETS = envInt('BENCH_TICKETS', 1_000_000, 1_000, 5_000_000);
const MESSAGES = envInt('BENCH_MESSAGES', TICKETS * 5, TICKETS, 25_000_000);
const CLIENTS = envInt('BENCH_CLIENTS', 8, 1, 64);
const QUERIES = envInt('BENCH_QUERIES', 2000, 10, 1_000_000);
const WARMUP = envInt('BENCH_WARMUP', 200, 0, 100_000);
const MAX_SECONDS = envInt('BENCH_MAX_SECONDS', 300, 5, 3600);
const POOL_SIZE = envInt('BENCH_POOL_SIZE', 10, 1, 100);
/** Set in main once dist is built: the knob, else the API's own default (libs/config). */
let SEARCH_POOL_SIZE;
const LIMIT = envInt('BENCH_LIMIT', 20, 1, 100);
const SEED = envInt('BENCH_SEED', 20261203, 0, 2 ** 31 - 1);
const CACHE = process.env.BENCH_CACHE !== '0';
const PREPARE_ONLY = process.env.BENCH_PREPARE_ONLY === '1';
const TEAMS = 4;
const AGENTS_PER_TEAM = 6; // the first two of each team are the bench's searching clients
const PASSWORD = 'bench-password-0123';
const SECRET = 'search-bench-secret-0123456789abcdef';
const TARGET_P99_MS = 50;
const TARGET_RATIO = 0.5;
const TARGET_RELEVANCE = 0.9;
const RELEVANCE_TOP = 5;
const REBUILD_SCRIPT = join(ROOT, 'scripts/search-rebuild.mjs');
const DIST_READER = join(ROOT, 'dist/apps/api/libs/persistence/src/search/ticket-search.reader.js');
const DIST_TERMS = join(ROOT, 'dist/apps/api/libs/search/src/search-terms.js');
const DIST_SEARCH_CONNECTIONS = join(ROOT, 'dist/apps/api/libs/persistence/src/search/search-connections.js');
const DIST_CONFIG = join(ROOT, 'dist/apps/api/libs/config/src/firsthand-config.js');
const DIST_PREPARED = join(ROOT, 'dist/apps/api/libs/persistence/src/prepared-query.js');

const seconds = (since) => (performance.now() - since) / 1000;
const mib = (bytes) => `${(Number(bytes) / 2 ** 20).toFixed(1)} MiB`;

// ---------------------------------------------------------------------------------------------
// The database: cached under .data/bench-search/<key>/ (or a temp directory), durable.

/** What the index's content depends on: the schema, the segmentation and the code that writes ticket_search (not the reader). */
function sourcesHash() {
  const hash = createHash('sha256');
  const files = [
    ...readdirSync(join(ROOT, 'libs/persistence/src/migrations')).map((f) => `libs/persistence/src/migrations/${f}`),
    ...readdirSync(join(ROOT, 'libs/search/src')).map((f) => `libs/search/src/${f}`),
    'libs/persistence/src/search/ticket-search-index.ts',
    'libs/persistence/src/search/search-words.ts',
    'libs/persistence/src/search/rebuild-search-index.ts',
  ];
  for (const file of files.filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && existsSync(join(ROOT, f))).sort()) {
    hash.update(`${file}\n`).update(readFileSync(join(ROOT, file)));
  }
  return hash.digest('hex').slice(0, 10);
}

/** One run at a time on the cache: a second one would remove or share the first one's database under it. */
function holdCacheLock(cacheRoot) {
  mkdirSync(cacheRoot, { recursive: true });
  const lock = join(cacheRoot, 'lock.pid');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      alive = false;
    }
    if (alive) throw new BenchError(`another bench:search (pid ${pid}) is using ${cacheRoot}; wait for it, or run with BENCH_CACHE=0`);
  }
  writeFileSync(lock, String(process.pid));
  onCleanup('cache lock', () => rmSync(lock, { force: true }));
}

async function startBenchPostgres(dataDir, persistent) {
  const postgres = await startPostgres({ dataDir, port: await freePort(), persistent, fast: false });
  onCleanup('PostgreSQL', () => postgres.stop());
  await postgres.ensureDatabase('firsthand_bench');
  const databaseUrl = process.env.BENCH_PG_TCP === '1' ? postgres.urlFor('firsthand_bench') : postgres.localUrlFor('firsthand_bench');
  const db = new pg.Pool({ connectionString: databaseUrl, max: POOL_SIZE, application_name: 'firsthand-bench' });
  onCleanup('pg pool', () => db.end());
  const { rows } = await db.query(
    `SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1::text[])`,
    [['fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'work_mem']],
  );
  const settings = Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  if (settings.fsync !== 'on' || settings.synchronous_commit !== 'on') throw new Error(`PostgreSQL is not durable: ${JSON.stringify(settings)}`);
  const version = (await db.query('SHOW server_version')).rows[0].server_version;
  return { dataDir, databaseUrl, db, describe: `PostgreSQL ${version} (${Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(', ')})` };
}

/** Teams, agents (two searchers per team first) and a supervisor; inserted once, read back from a cached database. */
async function staffOf(db) {
  const wanted = [];
  for (let t = 0; t < TEAMS; t++) {
    for (let a = 0; a < AGENTS_PER_TEAM; a++) wanted.push({ team: t, name: `Search Agent ${t + 1}.${a + 1}`, email: `search-agent-${t + 1}-${a + 1}@bench.firsthand.test`, role: 'agent' });
  }
  const supervisor = { team: 0, name: 'Search Supervisor', email: 'search-supervisor@bench.firsthand.test', role: 'supervisor' };
  let teams = (await db.query(`SELECT id, name FROM teams WHERE name LIKE 'Search team %' ORDER BY name`)).rows;
  if (teams.length === 0) {
    for (let t = 0; t < TEAMS; t++) teams.push((await db.query(`INSERT INTO teams (name, is_default) VALUES ($1, $2) RETURNING id, name`, [`Search team ${t + 1}`, t === 0])).rows[0]);
    const all = [...wanted, supervisor].map((a) => ({ ...a, teamId: teams[a.team].id }));
    const ids = await insertAgents(db, { teamId: teams[0].id, agents: all, passwordHash: bcrypt.hashSync(PASSWORD, 4) });
    all.forEach((a, i) => (a.id = ids[i]));
  }
  const byEmail = new Map((await db.query(`SELECT id, email, team_id FROM agents WHERE email LIKE 'search-%@bench.firsthand.test'`)).rows.map((r) => [r.email, r]));
  const withIds = (a) => ({ ...a, id: byEmail.get(a.email).id, teamId: byEmail.get(a.email).team_id });
  const agents = wanted.map(withIds);
  return {
    teams: teams.map((t, i) => ({ id: t.id, agents: agents.filter((a) => a.team === i).map((a) => ({ id: a.id, name: a.name })) })),
    agents,
    searchers: agents.filter((a) => a.email.endsWith('-1@bench.firsthand.test') || a.email.endsWith('-2@bench.firsthand.test')),
    supervisor: withIds(supervisor),
  };
}

// ---------------------------------------------------------------------------------------------
// The queries: 1-3 words in both languages (search-queries.mjs), codes, emails and phones, as agents type them.

/**
 * A deterministic mix: 35% Chinese words, 35% English, 10% codes, 10% emails, 10% phones (each whole
 * or in part), query i for searcher i mod 8. Codes, emails and phones are those of tickets the
 * searcher may see (a sample of their team's, `visible`), as an agent looks up their own queue's.
 */
function queryMix(count, seed, searchers, visible) {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const list = [];
  for (let i = 0; i < count; i++) {
    const searcher = searchers[i % searchers.length];
    const sample = visible.get(searcher.teamId);
    const roll = next();
    let query;
    if (roll < 0.35) query = { kind: 'zh words', q: pick(ZH_QUERIES) };
    else if (roll < 0.7) query = { kind: 'en words', q: pick(EN_QUERIES) };
    else if (roll < 0.8) {
      const { code } = pick(sample);
      query = { kind: 'code', q: next() < 0.5 ? code : code.slice(3).toLowerCase() };
    } else if (roll < 0.9) {
      const { email } = pick(sample);
      query = { kind: 'email', q: next() < 0.5 ? email : email.split('@')[0] };
    } else {
      const { phone } = pick(sample.filter((t) => t.phone));
      query = { kind: 'phone', q: next() < 0.5 ? phone : phone.replace(/\D/g, '').slice(-8) };
    }
    list.push({ ...query, searcher });
  }
  return list;
}

// ---------------------------------------------------------------------------------------------
// The two sides

const searchPath = (q, limit = LIMIT) => `/api/search?q=${encodeURIComponent(q)}&limit=${limit}`;
/** The ticket ids of a search answer, in order. */
const idsOfAnswer = (body) => body.items.map((item) => item.ticket?.id ?? item.id);

/** The reader's clock (which periods are recent), as the API's SystemClock. */
const SYSTEM_CLOCK = { now: () => new Date() };

/**
 * The SQL the API runs for a search, taken from the built reader itself: it is handed a connection
 * that records each statement (text, values, and the name of a prepared one) and answers with no
 * rows. So the direct side runs exactly the API's statements, prepared or not as the API's are,
 * without HTTP, auth, JSON or the query parsing.
 */
async function directPlanner() {
  const { TicketSearchReader } = await import(pathToFileURL(DIST_READER).href);
  const { parseSearchQuery } = await import(pathToFileURL(DIST_TERMS).href);
  const { statementName } = await import(pathToFileURL(DIST_PREPARED).href);
  // The reader runs a first page as a named prepared statement on its search connections (marked
  // `searchPool`: the direct side runs it on a pool with the same session settings), a later page as
  // a plain statement through `db.query`, and the highlighter's read as a named prepared one through
  // the manager's connection; each is recorded as it is made.
  const recording = (answer) => {
    const statements = [];
    const master = { query: async (config) => (statements.push(config), { rows: answer(config), rowCount: 0 }) };
    const query = async (text, values) => (statements.push({ text, values }), answer({ text, values }));
    const connections = { rows: async (text, values) => (statements.push({ name: statementName(text), text, values, searchPool: true }), answer({ text, values })) };
    return { statements, connections, db: { query, manager: { queryRunner: undefined, connection: { driver: { master } } } } };
  };
  return async (actingAgent, q, limit) => {
    const parsed = parseSearchQuery(q);
    const rec = recording(() => []);
    const reader = new TicketSearchReader(rec.db, rec.connections, SYSTEM_CLOCK);
    await reader.search(actingAgent, { text: { tsquery: parsed.tsquery, raw: q.trim() } }, 'relevance', limit);
    if (rec.statements.length !== 1) throw new BenchError(`the reader made ${rec.statements.length} statements for one search; the bench expects one`);
    return {
      search: rec.statements[0],
      /** The highlighter's statement for a page of hits (the messages holding the query's words), as the API runs it. */
      followUps: async (ids) => {
        if (ids.length === 0 || parsed.highlightTerms.length === 0) return [];
        const more = recording(() => []);
        await new TicketSearchReader(more.db, more.connections, SYSTEM_CLOCK).matchingMessages(ids, parsed.highlightTerms);
        return more.statements;
      },
    };
  };
}

/**
 * `CLIENTS` loops sharing one list of queries, each with one request in flight; `run(client, query)`
 * does one and returns an error text or null. Latencies in ms.
 */
async function runSide({ list, run, meter, key }) {
  const latencies = new Float64Array(list.length);
  let next = 0;
  let done = 0;
  const failures = [];
  const before = meter?.take();
  const start = performance.now();
  const deadline = start + MAX_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      while (next < list.length && failures.length === 0 && performance.now() < deadline) {
        const query = list[next++];
        const t0 = performance.now();
        const error = await run(client, query).catch((e) => e.message);
        if (error) failures.push(`${query.kind} "${query.q}": ${error}`);
        else {
          latencies[done++] = performance.now() - t0;
          if (key) query[key] = latencies[done - 1];
        }
      }
    }),
  );
  const wall = seconds(start);
  const cpu = meter?.report(before);
  if (failures.length > 0) throw new BenchError(`${failures.length} search(es) failed, first: ${failures[0]}`);
  return { n: done, wall, rate: done / wall, ...stats(latencies.subarray(0, done)), capped: done < list.length, cpu };
}

function apiClientPool() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS, maxFreeSockets: CLIENTS });
  onCleanup('HTTP agent (search)', () => agent.destroy());
  return (port, path, token) =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path, method: 'GET', agent, headers: { authorization: `Bearer ${token}` }, timeout: 30_000 }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode, body }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', reject);
      req.end();
    });
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const loadAtStart = os.loadavg();
  const buildState = ensureBuilt({ [API_MAIN]: 'apps/api/src' });
  warnIfBusy(loadAtStart);
  const { defaultSearchPoolSize } = await import(pathToFileURL(DIST_CONFIG).href);
  SEARCH_POOL_SIZE = envInt('BENCH_SEARCH_POOL_SIZE', defaultSearchPoolSize(), 1, 100);
  const root = benchDir('firsthand-bench-search-');
  // Two stages, each kept when BENCH_CACHE=1: the loaded corpus (keyed by the generator version, the
  // sizes and the seed) and its index (redone when the migrations or the indexing code changed).
  const key = `v${SEARCH_CORPUS_VERSION}-t${TICKETS}-m${MESSAGES}-s${SEED}`;
  const indexKey = sourcesHash();
  const cacheRoot = join(ROOT, '.data', 'bench-search');
  const dataDir = CACHE ? join(cacheRoot, key, 'pg') : join(root, 'pg');
  const stateFile = CACHE ? join(cacheRoot, key, 'state.json') : null;
  let state = stateFile && existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : {};
  const saveState = () => stateFile && writeFileSync(stateFile, JSON.stringify(state, null, 2));
  if (CACHE) holdCacheLock(cacheRoot);
  if (CACHE && !state.loaded) {
    // Only this bench writes under .data/bench-search: other keys are older generators, sizes or seeds.
    if (existsSync(cacheRoot)) for (const old of readdirSync(cacheRoot).filter((f) => f !== 'lock.pid')) rmSync(join(cacheRoot, old), { recursive: true, force: true });
    mkdirSync(join(cacheRoot, key), { recursive: true });
  }
  log(`${state.loaded ? 'reusing the loaded corpus' : 'a fresh database'} in ${dataDir} ...`);
  const services = await startBenchPostgres(dataDir, CACHE);
  const redis = await startRedisServer(root);
  const { db } = services;
  const apiSettings = { databaseUrl: services.databaseUrl, redisUrl: redis.redisUrl, secret: SECRET, env: { DATABASE_POOL_SIZE: String(POOL_SIZE), DATABASE_SEARCH_POOL_SIZE: String(SEARCH_POOL_SIZE) } };

  // An index of older code is rebuilt from nothing below: its documents are dropped here, before
  // the migrations run, which may rewrite every document (over 1,000,000 rows that takes minutes).
  if (state.loaded && state.index?.key !== indexKey) {
    // The vocabulary too (when this database has one yet): the rebuild refills it from the documents.
    const { rows } = await db.query(`SELECT to_regclass('search_words') IS NOT NULL AS has`);
    await db.query(rows[0].has ? 'TRUNCATE ticket_search, search_words' : 'TRUNCATE ticket_search');
    delete state.index;
    saveState();
  }
  log('starting the built API once (runs the migrations) ...');
  let api = await startApi({ ...apiSettings, logFile: join(root, 'api-migrate.log') });
  const staff = await staffOf(db);
  await api.stop();

  const corpus = new SearchCorpus({ seed: SEED, tickets: TICKETS, messages: MESSAGES, teams: staff.teams, nowMs: state.nowMs ?? Date.now() });
  if (!state.loaded) {
    log(`generating and loading ${TICKETS.toLocaleString('en')} tickets and ${MESSAGES.toLocaleString('en')} messages with COPY ...`);
    const loader = new pg.Client({ connectionString: services.databaseUrl, application_name: 'firsthand-bench-load' });
    await loader.connect();
    let lastLog = 0;
    const loaded = await loadSearchCorpus(loader, corpus, {
      onProgress: (c, ms) => {
        if (c.tickets - lastLog >= 100_000) {
          lastLog = c.tickets;
          log(`  ${c.tickets.toLocaleString('en')} tickets, ${c.messages.toLocaleString('en')} messages (${(ms / 1000).toFixed(0)} s)`);
        }
      },
    });
    await loader.end();
    log(`loaded in ${loaded.seconds.toFixed(1)} s; VACUUM ANALYZE ...`);
    const v0 = performance.now();
    await db.query('VACUUM ANALYZE');
    state = { nowMs: corpus.nowMs, loaded: { ...loaded, vacuumSeconds: seconds(v0), at: new Date().toISOString() } };
    saveState();
  }
  if (PREPARE_ONLY && !existsSync(REBUILD_SCRIPT)) {
    log(`BENCH_PREPARE_ONLY=1: the corpus is loaded; ${REBUILD_SCRIPT} is missing, so it is not indexed yet`);
    return;
  }
  if (state.index?.key !== indexKey) {
    if (!existsSync(REBUILD_SCRIPT)) throw new BenchError(`${REBUILD_SCRIPT} is missing: the search rebuild is what indexes the corpus`);
    // The trigram indexes exist since the migration and grew during the load; rebuilt here to time a build of each.
    const trigram = (await db.query(`SELECT indexname FROM pg_indexes WHERE indexdef ILIKE '%gin_trgm_ops%' ORDER BY indexname`)).rows.map((r) => r.indexname);
    const reindex = [];
    for (const name of trigram) {
      const r0 = performance.now();
      await db.query(`REINDEX INDEX ${name}`);
      reindex.push({ name, seconds: seconds(r0) });
    }
    log(`npm run search:rebuild over ${TICKETS.toLocaleString('en')} tickets ...`);
    const s0 = performance.now();
    const rebuild = spawnSync(process.execPath, [REBUILD_SCRIPT], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...apiEnv(apiSettings) },
      encoding: 'utf8',
      timeout: 4 * 3600_000,
      maxBuffer: 64 * 2 ** 20,
    });
    if (rebuild.status !== 0) throw new BenchError(`search:rebuild exited ${rebuild.status}: ${(rebuild.stderr ?? '').slice(-2000)}`);
    const rebuildSeconds = seconds(s0);
    const a0 = performance.now();
    await db.query('VACUUM ANALYZE ticket_search, search_words');
    await db.query('CHECKPOINT');
    state.index = { key: indexKey, reindex, rebuildSeconds, analyzeSeconds: seconds(a0), at: new Date().toISOString() };
    saveState();
  }
  if (PREPARE_ONLY) {
    log('BENCH_PREPARE_ONLY=1: the database is ready; not measuring');
    return;
  }
  const build = { ...state.loaded, ...state.index };
  // The relevance targets' ids and the codes come from the generator; generating again (without loading) gives them for a cached database.
  if (!corpus.relevance) for (const _ of corpus.batches(50_000)) void _;

  const sizes = (
    await db.query(
      `SELECT c.relname AS name, c.relkind AS kind, pg_relation_size(c.oid) AS bytes, pg_indexes_size(c.oid) AS index_bytes, pg_total_relation_size(c.oid) AS total_bytes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND (c.relname IN ('tickets', 'messages', 'ticket_events', 'customers', 'ticket_search', 'search_words')
         OR c.relname IN (SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND (tablename IN ('ticket_search', 'search_words') OR indexdef ILIKE '%gin_trgm_ops%')))
       ORDER BY c.relkind DESC, c.relname`,
    )
  ).rows;
  const dbBytes = (await db.query(`SELECT pg_database_size(current_database()) AS b`)).rows[0].b;
  const counts = (await db.query(`SELECT (SELECT count(*) FROM tickets)::int AS tickets, (SELECT count(*) FROM messages)::int AS messages, (SELECT count(*) FROM ticket_search)::int AS indexed`)).rows[0];
  if (counts.indexed !== counts.tickets) throw new BenchError(`ticket_search holds ${counts.indexed} documents for ${counts.tickets} tickets`);

  log('starting the built API ...');
  api = await startApi({ ...apiSettings, logFile: join(root, 'api.log') });
  await logInAgents(api.port, [...staff.searchers, staff.supervisor], PASSWORD);
  const get = apiClientPool();

  // --- relevance: the supervisor (who sees every ticket) asks each labelled query
  log(`relevance: ${RELEVANCE_CASES.length} labelled queries ...`);
  const relevance = [];
  for (const r of corpus.relevance) {
    const res = await get(api.port, searchPath(r.query, RELEVANCE_TOP), staff.supervisor.token);
    if (res.status !== 200) throw new BenchError(`relevance query ${r.case.id} "${r.query}" answered ${res.status}: ${res.body.slice(0, 300)}`);
    const ids = idsOfAnswer(JSON.parse(res.body));
    relevance.push({ ...r, rank: ids.indexOf(r.ticketId) + 1 });
  }
  const found = relevance.filter((r) => r.rank > 0).length;

  // --- the same SQL directly: the API's statements, prepared, on a pool of the same size
  const plan = await directPlanner();
  const actingOf = new Map(staff.searchers.map((a) => [a.id, { id: a.id, name: a.name, role: 'agent', teamId: a.teamId }]));
  const visible = new Map();
  for (const team of staff.teams) {
    const { rows } = await db.query(
      `SELECT t.code, c.email, c.phone FROM tickets t TABLESAMPLE SYSTEM (5) REPEATABLE (${SEED}) JOIN customers c ON c.id = t.customer_id
       WHERE t.team_id = $1 ORDER BY t.id LIMIT 2000`,
      [team.id],
    );
    visible.set(team.id, rows);
  }
  const list = queryMix(WARMUP + QUERIES, SEED, staff.searchers, visible);
  log(`planning the direct SQL of ${list.length.toLocaleString('en')} queries ...`);
  for (const query of list) query.direct = await plan(actingOf.get(query.searcher.id), query.q, LIMIT);
  const direct = new pg.Pool({ connectionString: services.databaseUrl, max: POOL_SIZE, application_name: 'firsthand-bench-direct' });
  onCleanup('direct pool', () => direct.end());
  // The API's search connections: the same size and session settings (SearchConnections).
  const { SEARCH_SESSION_OPTIONS } = await import(pathToFileURL(DIST_SEARCH_CONNECTIONS).href);
  const directSearch = new pg.Pool({ connectionString: services.databaseUrl, max: SEARCH_POOL_SIZE, options: SEARCH_SESSION_OPTIONS, application_name: 'firsthand-bench-direct-search' });
  onCleanup('direct search pool', () => directSearch.end());
  const runDirect = async (_, query) => {
    const { searchPool, ...search } = query.direct.search;
    const { rows } = await (searchPool ? directSearch : direct).query(search);
    query.directIds = rows.slice(0, LIMIT).map((r) => r.id);
    for (const statement of await query.direct.followUps(query.directIds)) await direct.query(statement);
    return null;
  };
  const runApi = async (_, query) => {
    const res = await get(api.port, searchPath(query.q), query.searcher.token);
    if (res.status !== 200) return `HTTP ${res.status}: ${res.body.slice(0, 200)}`;
    query.apiIds = idsOfAnswer(JSON.parse(res.body));
    return null;
  };

  const meter = cpuMeter({ api: () => [api.pid], postgres: () => postgresPids(dataDir), bench: () => [process.pid] });
  const warm = list.slice(0, WARMUP);
  const measured = list.slice(WARMUP);
  if (WARMUP > 0) {
    log(`warming up: ${WARMUP} queries per side ...`);
    await runSide({ list: warm, run: runApi });
    await runSide({ list: warm, run: runDirect });
  }
  await db.query('CHECKPOINT');
  const loadBefore = fmtLoad();
  log(`API: ${QUERIES} queries, ${CLIENTS} clients (load average ${loadBefore}) ...`);
  const apiSide = await runSide({ list: measured, run: runApi, meter, key: 'apiMs' });
  const loadMiddle = fmtLoad();
  log(`direct SQL: ${QUERIES} queries, ${CLIENTS} clients, pool ${POOL_SIZE} (load average ${loadMiddle}) ...`);
  const directSide = await runSide({ list: measured, run: runDirect, meter, key: 'directMs' });

  // The API must have answered what the SQL finds: the same first page for every query both ran.
  const compared = measured.filter((q) => q.apiIds && q.directIds);
  const differing = compared.filter((q) => JSON.stringify(q.apiIds) !== JSON.stringify(q.directIds));

  // --- report
  const byKind = new Map();
  for (const q of measured) {
    const k = byKind.get(q.kind) ?? { n: 0, empty: 0 };
    k.n++;
    if (q.apiIds && q.apiIds.length === 0) k.empty++;
    byKind.set(q.kind, k);
  }
  console.log('');
  console.log(`Search benchmark: ${CLIENTS} concurrent clients per side, ${QUERIES} measured queries each (after ${WARMUP} warm-up), page size ${LIMIT}; searches at once: ${SEARCH_POOL_SIZE} (API's DATABASE_SEARCH_POOL_SIZE and the direct side's search pool), pool ${POOL_SIZE}`);
  console.log(`date: ${new Date().toISOString()}`);
  console.log(machineLine());
  console.log(`${services.describe}; ${redis.describe}`);
  console.log(`load average (1/5/15 min): ${fmtLoad(loadAtStart)} at start, ${loadBefore} before the API side, ${loadMiddle} before the direct side, ${fmtLoad()} at end`);
  console.log(`dist: ${buildState}; database ${CACHE ? `cached in .data/bench-search/${key} (loaded ${state.loaded.at}, indexed ${state.index.at})` : 'in a temp directory'}`);
  console.log(`corpus: ${counts.tickets.toLocaleString('en')} tickets, ${counts.messages.toLocaleString('en')} messages, half Chinese and half English; ${staff.searchers.length} searching agents in ${TEAMS} teams (each sees its team's quarter)`);
  console.log(`load: ${build.seconds.toFixed(0)} s COPY (customers, tickets, events, messages), VACUUM ANALYZE ${build.vacuumSeconds.toFixed(0)} s`);
  console.log(`index build: npm run search:rebuild ${build.rebuildSeconds.toFixed(1)} s (then VACUUM ANALYZE ticket_search, search_words ${build.analyzeSeconds.toFixed(1)} s); trigram REINDEX ${build.reindex.map((r) => `${r.name} ${r.seconds.toFixed(1)} s`).join(', ')}`);
  console.log(`sizes: ${sizes.map((s) => (s.kind === 'i' ? `${s.name} ${mib(s.bytes)}` : `${s.name} ${mib(s.bytes)} (+ indexes ${mib(s.index_bytes)})`)).join('; ')}; database ${mib(dbBytes)}`);
  console.log(`query mix: ${[...byKind].map(([k, v]) => `${k} ${v.n} (${v.empty} with no hit)`).join(', ')}`);
  console.log('');
  const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');
  const perQuery = (r, part) => ms((r.cpu.used[part] * 1000) / r.n);
  printTable(
    ['side', 'queries', 'queries/s', 'p50 ms', 'p99 ms', 'max ms', 'vs direct', 'API CPU ms/q', 'PG CPU ms/q', 'client CPU ms/q'],
    [
      ['API GET /api/search', apiSide, directSide],
      ['direct SQL (same statements)', directSide, directSide],
    ].map(([name, r, base]) => [
      name,
      `${r.n}${r.capped ? '*' : ''}`,
      r.rate.toFixed(1),
      ms(r.p50),
      ms(r.p99),
      ms(r.max),
      `${((r.rate / base.rate) * 100).toFixed(0)}%`,
      perQuery(r, 'api'),
      perQuery(r, 'postgres'),
      perQuery(r, 'bench'),
    ]),
  );
  if (apiSide.capped || directSide.capped) console.log(`* stopped at BENCH_MAX_SECONDS=${MAX_SECONDS}`);
  console.log(`API: ${apiSide.cpu.text}`);
  console.log(`direct: ${directSide.cpu.text}`);
  // Where the time goes: each kind of query on its own (the same runs as above, split by kind).
  const kinds = [...byKind.keys()].sort();
  console.log('by kind of query (ms): ' + kinds.map((k) => {
    const of = measured.filter((q) => q.kind === k);
    const a = stats(of.map((q) => q.apiMs).filter(Number.isFinite));
    const d = stats(of.map((q) => q.directMs).filter(Number.isFinite));
    return `${k} API p50 ${ms(a.p50)} / p99 ${ms(a.p99)}, direct p50 ${ms(d.p50)} / p99 ${ms(d.p99)}`;
  }).join('; '));
  // The slowest through the API, with the same query's time on the direct side: what the p99 is made of.
  const slowest = measured.filter((q) => Number.isFinite(q.apiMs)).sort((a, b) => b.apiMs - a.apiMs).slice(0, 20);
  console.log(`slowest ${slowest.length} through the API (API ms / direct ms): ${slowest.map((q) => `${q.q} ${ms(q.apiMs)}/${ms(q.directMs)}`).join('; ')}`);
  console.log(`same first page from the API and the direct SQL: ${compared.length - differing.length} of ${compared.length} queries`);
  console.log('');
  console.log(`relevance: ${found} of ${relevance.length} labelled queries found their ticket in the top ${RELEVANCE_TOP} (${((found / relevance.length) * 100).toFixed(0)}%)`);
  printTable(
    ['case', 'kind', 'query', 'rank'],
    relevance.map((r) => [r.case.id, r.case.kind === 'phrase' ? `words in ${r.case.where}` : r.case.kind, r.query, r.rank > 0 ? String(r.rank) : 'MISSED']),
  );

  const missed = [];
  if (apiSide.p99 >= TARGET_P99_MS) missed.push(`API p99 ${ms(apiSide.p99)} ms (target < ${TARGET_P99_MS})`);
  if (apiSide.rate / directSide.rate < TARGET_RATIO) missed.push(`API at ${((apiSide.rate / directSide.rate) * 100).toFixed(0)}% of the direct throughput (target >= ${TARGET_RATIO * 100}%)`);
  if (found / relevance.length < TARGET_RELEVANCE) missed.push(`relevance ${found}/${relevance.length} in the top ${RELEVANCE_TOP} (target >= ${TARGET_RELEVANCE * 100}%)`);
  if (differing.length > 0) {
    const q = differing[0];
    throw new BenchError(`${differing.length} queries got another first page from the API than from the direct SQL, e.g. "${q.q}": API ${q.apiIds.slice(0, 3)} vs SQL ${q.directIds.slice(0, 3)}`);
  }
  if (missed.length > 0) throw new BenchError(`target missed: ${missed.join('; ')}`);
  console.log('all targets met');
}

await runBench(main);
