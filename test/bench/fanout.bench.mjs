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
// Firsthand's side also has one supervisor socket (/supervisors): for every claim it reports how long
// after the API's answer the first metrics.changed push that read the figures after that answer arrived
// (the spec's "the dashboard within a second"; the push is debounced, 250 ms by default).
//
// All network traffic goes to 127.0.0.1; every loop is bounded by a count and a deadline.
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Emitter } from '@socket.io/redis-emitter';
import bcrypt from 'bcryptjs';
import { Redis } from 'ioredis';
import { io as ioClient } from 'socket.io-client';
import {
  API_MAIN,
  BenchError,
  GATEWAY_MAIN,
  SLA_NORMAL_STANDARD,
  benchDir,
  checkSameShape,
  claimInSql,
  cpuMeter,
  ensureBuilt,
  envInt,
  envSides,
  fmt,
  fmtLoad,
  httpClient,
  insertAgents,
  insertTickets,
  log,
  logInAgents,
  machineLine,
  newTicketTimes,
  onCleanup,
  openFileLimit,
  openTicketViaApi,
  packageVersion,
  postgresPids,
  printTable,
  problemLines,
  rssKiB,
  runBench,
  signalled,
  sleep,
  startApi,
  startDurablePostgres,
  startGateway,
  startRedisServer,
  startServer,
  stats,
  warnIfBusy,
  withTimeout,
} from './lib/bench-kit.mjs';

const CUSTOMERS = envInt('BENCH_CUSTOMERS', 5000, 2, 20_000);
const AGENTS = envInt('BENCH_AGENTS', 200, 2, 2000);
const TEAMS = envInt('BENCH_TEAMS', 4, 1, 50);
const MESSAGES = envInt('BENCH_MESSAGES', 1000, 1, 20_000);
const RATE = envInt('BENCH_RATE', 50, 1, 2000);
const CLAIM_EVERY = envInt('BENCH_CLAIM_EVERY', 10, 0, 1_000_000);
const WARMUP = envInt('BENCH_WARMUP', 50, 0, 2000);
const CONNECT_BATCH = envInt('BENCH_CONNECT_BATCH', 250, 1, 5000);
const DRAIN_SECONDS = envInt('BENCH_DRAIN_SECONDS', 15, 1, 120);
const SIDES = envSides('firsthand,raw');
if (TEAMS > AGENTS) throw new BenchError('BENCH_TEAMS must not exceed BENCH_AGENTS (every team needs an agent)');
const GATEWAYS = 2;
const CONNECT_SECONDS = 180; // cap for opening all sockets of one side
const SEND_SECONDS = Math.ceil(MESSAGES / RATE) * 3 + 10; // cap for the paced phase (3x its schedule)
const PASSWORD = 'bench-password-0123';
const SECRET = randomBytes(32).toString('hex');
const RAW_KEY = 'socket.io-rawbench'; // the raw side's Redis channel prefix, apart from the gateways' `socket.io`
const LIVE_FIGURES_TARGET_MS = 1000; // SPEC.md: supervisors see a change on the dashboard within a second
const REPLY_BODY = 'Thanks for waiting: the replacement toner ships today and the printer should stop complaining about PC LOAD LETTER.';

// The changes through the API: keep-alive HTTP, up to 64 requests in flight.
const keepAlive = httpClient({ maxSockets: 64 });
const openSockets = new Set(); // every client socket not yet closed

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
  // Registered after the servers they connect to, so stopped before them: no server stops with thousands of sockets open.
  onCleanup(`${label} client sockets`, () => closeSockets([...openSockets]));
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

/**
 * For each claim of `phase` that succeeded: from the API's answer to the receipt of the first
 * supervisors' push whose figures were read at or after that answer (so surely after the commit).
 * A read that began between the commit and the answer also holds the claim: this errs on the slow side.
 */
function liveFiguresAfterClaims(tracker, pushes, phase) {
  const waits = [];
  let unseen = 0;
  for (const e of tracker.queue.values()) {
    if (e.phase !== phase || e.failed || e.respWall === undefined) continue;
    const push = pushes.find((p) => p.readAt >= e.respWall && p.at >= e.respAt);
    if (push) waits.push(push.at - e.respAt);
    else unseen++;
  }
  return { ...stats(waits), unseen, pushes: pushes.length };
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

async function main() {
  const loadAtStart = os.loadavg(); // before any build of ours, so it shows what else is running
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

  const buildState = SIDES.includes('firsthand') ? ensureBuilt({ [API_MAIN]: 'apps/api/src', [GATEWAY_MAIN]: 'apps/gateway/src' }) : 'not used';
  warnIfBusy(loadAtStart);
  const root = benchDir('firsthand-fanout-');
  const redis = await startRedisServer(root);
  const results = [];
  const notes = [];
  let pgDescribe = 'PostgreSQL not used';
  let pgDataDir = null;
  let sample = null; // one customer event and one queue change as the gateways delivered them: the raw side sends the same shapes

  if (SIDES.includes('firsthand')) {
    const postgres = await startDurablePostgres(root, { poolSize: 4 });
    const { db, databaseUrl } = postgres;
    pgDescribe = postgres.describe;
    pgDataDir = postgres.pgDataDir;
    log('starting the built API (runs the migrations) ...');
    const api = await startApi({ databaseUrl, redisUrl: redis.redisUrl, secret: SECRET, logFile: join(root, 'api.log') });

    // --- seed: teams, agents, logins
    log(`seeding ${TEAMS} teams and ${AGENTS} agents, logging every agent in ...`);
    const teamIds = [];
    for (let t = 0; t < TEAMS; t++) {
      teamIds.push((await db.query(`INSERT INTO teams (name, is_default) VALUES ($1, $2) RETURNING id`, [`Bench team ${t + 1}`, t === 0])).rows[0].id);
    }
    const agents = Array.from({ length: AGENTS }, (_, a) => ({
      name: `Bench Agent ${String(a + 1).padStart(3, '0')}`,
      email: `agent${a + 1}@bench.firsthand.test`,
      teamId: teamIds[agentTeam[a]],
    }));
    const agentIds = await insertAgents(db, { agents, passwordHash: bcrypt.hashSync(PASSWORD, 4) });
    agents.forEach((a, k) => (a.id = agentIds[k]));
    await logInAgents(api.port, agents, PASSWORD);
    const supervisor = { name: 'Bench Supervisor', email: 'supervisor@bench.firsthand.test', teamId: teamIds[0], role: 'supervisor' };
    [supervisor.id] = await insertAgents(db, { agents: [supervisor], passwordHash: bcrypt.hashSync(PASSWORD, 4) });
    await logInAgents(api.port, [supervisor], PASSWORD);

    // --- seed: two tickets through the API (also creates customers), then the customers' tickets in SQL
    const apiCreated = [];
    for (let i = 0; i < 2; i++) {
      apiCreated.push(await openTicketViaApi(api.port, { subject: `Bench via API ${i}`, customer: { name: `Bench Customer ${i}`, email: `customer${i}@bench.firsthand.test` } }));
    }
    const customerRows = (await db.query(`SELECT id FROM customers ORDER BY name`)).rows;
    const takenCodes = new Set((await db.query('SELECT code FROM tickets')).rows.map((r) => r.code));
    // Each with a tracking token the bench knows, to open its customer socket with.
    const times = newTicketTimes();
    const tickets = Array.from({ length: CUSTOMERS }, (_, i) => ({
      token: randomBytes(32).toString('base64url'),
      teamId: teamIds[customerTeam(i)],
      customerId: customerRows[i % customerRows.length].id,
      ...times,
    }));
    log(`inserting ${CUSTOMERS} tickets in SQL (${newFrom} claimed in SQL as reply targets, ${CUSTOMERS - newFrom} left new to be claimed while measuring) ...`);
    for (let i = 0; i < CUSTOMERS; i += 2500) {
      const inserted = await insertTickets(db, tickets.slice(i, i + 2500), { takenCodes });
      inserted.forEach((t, k) => Object.assign(tickets[i + k], t));
    }
    await checkSameShape(db, apiCreated[0].id, tickets[CUSTOMERS - 1].id, 'new');
    await claimInSql(db, tickets.slice(0, newFrom).map((t, i) => ({ ticketId: t.id, agentId: agents[ownerOf(i)].id })), { cadenceSeconds: SLA_NORMAL_STANDARD.cadence });
    // An API claim of an API-created ticket must look like our SQL claim (same columns set, same events).
    const probe = await keepAlive.request(api.port, 'POST', `/api/tickets/${apiCreated[1].id}/claim`, { token: agents[0].token });
    if (probe.status !== 200) throw new Error(`probe claim answered ${probe.status}: ${probe.text}`);
    if (newFrom > 0) await checkSameShape(db, apiCreated[1].id, tickets[0].id, 'claimed');
    await db.query('VACUUM ANALYZE');

    // --- two gateways
    const gateways = [];
    for (let g = 0; g < GATEWAYS; g++) {
      log(`starting gateway ${g + 1} of ${GATEWAYS} ...`);
      gateways.push(
        await startGateway({
          name: `gateway ${g + 1}`,
          databaseUrl,
          redisUrl: redis.redisUrl,
          secret: SECRET,
          logFile: join(root, `gateway-${g + 1}.log`),
          env: { GATEWAY_CLIENT_EVENTS_PER_10S: '10000' },
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
    // The supervisor's live figures: each push with its receipt time and the moment its figures were read.
    const figurePushes = [];
    const supervisorSpec = {
      url: `http://127.0.0.1:${gateways[0].port}/supervisors`,
      auth: { token: supervisor.token },
      attach: (socket) => {
        socket.on('metrics.changed', (m) => figurePushes.push({ at: performance.now(), readAt: Date.parse(m?.now) }));
        socket.on('disconnect', (reason) => tracker.onDisconnect(reason));
      },
    };
    log(`firsthand: opening ${CUSTOMERS} customer and ${AGENTS} agent sockets on ${GATEWAYS} gateways (${CONNECT_BATCH} handshakes at a time) ...`);
    const connected = await connectAll([...specs, supervisorSpec], 'firsthand');
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
          const res = await keepAlive.request(api.port, 'POST', `/api/tickets/${ticket.id}/messages`, { token: agent.token, json: { body: REPLY_BODY, visibility: 'public' } });
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
          const res = await keepAlive.request(api.port, 'POST', `/api/tickets/${ticket.id}/claim`, { token: agent.token });
          entry.respAt = queueEntry.respAt = performance.now();
          queueEntry.respWall = Date.now();
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
      PostgreSQL: () => postgresPids(pgDataDir),
      Redis: () => [redis.redisPid],
      'bench process': () => [process.pid],
    });
    const cpu0 = meter.take();
    const run = await paced(MESSAGES, RATE, fire('measured'));
    await drain(tracker, 'measured', teamSize);
    const cpu = meter.report(cpu0).text;
    await sleep(LIVE_FIGURES_TARGET_MS + 500); // the last claims' pushes (debounced) may still be on their way
    const liveFigures = liveFiguresAfterClaims(tracker, figurePushes, 'measured');
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
      liveFigures,
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
        await startServer({
          name: `raw socket.io server ${g + 1}`,
          args: [serverFile],
          ready: /RAW_SOCKETIO_LISTENING port=(\d+)/,
          logFile: join(root, `raw-server-${g + 1}.log`),
          env: { NODE_ENV: 'production', REDIS_URL: redis.redisUrl, RAW_KEY },
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

    const emitterRedis = new Redis(redis.redisUrl, { maxRetriesPerRequest: 1 });
    emitterRedis.on('error', () => undefined);
    onCleanup('emitter Redis connection', () => emitterRedis.disconnect());
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
      Redis: () => [redis.redisPid],
      'bench process (emitter and clients)': () => [process.pid],
      ...(pgDataDir ? { 'PostgreSQL (idle)': () => postgresPids(pgDataDir) } : {}),
    });
    const cpu0 = meter.take();
    const run = await paced(MESSAGES, RATE, fire('measured'));
    await drain(tracker, 'measured', teamSize);
    const cpu = meter.report(cpu0).text;
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
  const claimsPerSide = countClaims(MESSAGES);
  console.log('');
  console.log('Live fan-out benchmark: ticket changes through the real API -> Redis emitter -> 2 gateway processes -> sockets, vs raw socket.io (2 plain servers, same Redis adapter, redis-emitter)');
  console.log(`${machineLine()}; open-files limit ${fdLimit}`);
  console.log(`socket.io ${packageVersion('socket.io')}, @socket.io/redis-adapter ${packageVersion('@socket.io/redis-adapter')}, ${pgDescribe}, ${redis.describe}`);
  console.log(`load average (1/5/15 min): ${fmtLoad(loadAtStart)} at start, ${fmtLoad()} at end (the benchmark itself adds about 2)`);
  console.log(
    `dist: ${buildState}; per side ${CUSTOMERS} customer sockets (one ticket each) + ${AGENTS} agent sockets (${TEAMS} team queues of ${teamSize.join('/')}), half on each of ${GATEWAYS} server processes; ` +
      `${MESSAGES} changes at ${RATE}/s after ${WARMUP} warm-up: ${MESSAGES - claimsPerSide} public replies (1 customer delivery each) + ${claimsPerSide} claims (1 customer + a team's agents each)`,
  );
  console.log('latency: from the change being sent (firsthand: HTTP request start, so it includes the durable commit; raw: emit call) to receipt in a client socket, one clock (all clients in this process)');
  console.log('');
  const header = ['side', 'connections', 'messages', 'deliveries', 'p50 ms', 'p99 ms', 'max ms', 'lost', 'KB per connection'];
  const rows = results.map((r) => [r.side, String(r.connections), String(r.messages), `${r.received}/${r.expected}`, fmt(r.all.p50), fmt(r.all.p99), fmt(r.all.max), String(r.expected - r.received), r.kbPerConnection.toFixed(1)]);
  printTable(header, rows);
  console.log('');
  for (const r of results) {
    const s = (x) => `p50 ${fmt(x.p50)} / p99 ${fmt(x.p99)} / max ${fmt(x.max)} ms (${x.n})`;
    console.log(`${r.side}: customers ${s(r.customers)}; agents' queue.changed ${s(r.agents)}`);
    if (r.afterResponse) {
      console.log(`${r.side}: HTTP response time of the changes ${s(r.http)}; median per second of the run: ${r.httpBySecond.map((x) => x.toFixed(0)).join(', ')} ms`);
      console.log(`${r.side}: delivery from the HTTP response instead: ${s(r.afterResponse)}; ${(r.earlyShare * 100).toFixed(0)}% of deliveries arrived before the response`);
    }
    if (r.liveFigures?.n > 0 || r.liveFigures?.unseen > 0) {
      const f = r.liveFigures;
      console.log(
        `${r.side}: supervisors' live figures after a claim's answer ${s(f)}, ${f.unseen} claim(s) never seen, ${f.pushes} pushes in all; ` +
          `target p99 < ${LIVE_FIGURES_TARGET_MS} ms: ${f.unseen === 0 && f.p99 < LIVE_FIGURES_TARGET_MS ? 'met' : 'MISSED'}`,
      );
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
  const unseen = results.filter((r) => r.liveFigures?.unseen > 0);
  if (unseen.length > 0) throw new BenchError(`${unseen.map((r) => r.side).join(' and ')}: claims that no supervisors' push ever counted (see above)`);
  console.log('Every change reached its customer socket and every queue change reached every agent socket of its team.');
}

await runBench(main);
