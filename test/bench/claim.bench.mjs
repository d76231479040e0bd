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
//   BENCH_WARMUP=3000        claims made on each side before the measured phases (JIT, pools, caches); not reported
//   BENCH_SKIP_BUILD=1       do not run `npm run build` even when dist is missing or older than sources
//   BENCH_KEEP_DIR=1         keep the temp directory (PostgreSQL data, Redis AOF, API log)
//
// All network traffic goes to 127.0.0.1; every loop is bounded by a ticket count and a deadline.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import bcrypt from 'bcryptjs';
import {
  API_MAIN,
  SLA_NORMAL_STANDARD,
  benchDir,
  checkSameShape,
  ensureBuilt,
  envInt,
  envIntList,
  fmtLoad,
  httpClient,
  inTransaction,
  insertAgents,
  insertTickets,
  log,
  logInAgents,
  machineLine,
  newTicketTimes,
  openTicketViaApi,
  printTable,
  processCpuSeconds,
  runBench,
  startApi,
  startServices,
  stats,
  warnIfBusy,
} from './lib/bench-kit.mjs';

const LEVELS = envIntList('BENCH_LEVELS', '1,8,32', 1, 32); // one agent per concurrent client
const CLAIMS = envInt('BENCH_CLAIMS', 2000, 10, 100_000);
const MAX_SECONDS = envInt('BENCH_MAX_SECONDS', 30, 1, 600);
const POOL_SIZE = envInt('BENCH_POOL_SIZE', 10, 1, 200);
const AGENTS = 32;
// A server runs for hours: the measured phases should see its code optimized, not still being
// compiled. 400 warm-up claims left the one-agent phase (the first measured) on partly unoptimized
// code (see docs/benchmarks.md, 2026-12-05 12:40).
const API_WARMUP = envInt('BENCH_WARMUP', 3000, 0, 100_000);
const RAW_WARMUP = API_WARMUP;
const API_SEEDED_VIA_HTTP = 8;
const PASSWORD = 'bench-password-0123';
const SECRET = randomBytes(32).toString('hex');

// The measured claims: keep-alive HTTP with a socket for every concurrent client.
const keepAlive = httpClient({ maxSockets: 64 });

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
  const { p50, p99 } = stats(latencies);
  return { n: latencies.length, seconds, rate: latencies.length / seconds, p50, p99, capped, claimed,
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

async function main() {
  const loadAtStart = os.loadavg(); // before any build of ours, so it shows what else is running
  const buildState = ensureBuilt({ [API_MAIN]: 'apps/api/src' });
  warnIfBusy(loadAtStart);
  const root = benchDir('firsthand-bench-');
  // The raw side claims on this pool: as many connections as the API's.
  const services = await startServices(root, { poolSize: POOL_SIZE });
  const { db } = services;
  log('starting the built API (runs the migrations) ...');
  const api = await startApi({
    databaseUrl: services.databaseUrl,
    redisUrl: services.redisUrl,
    secret: SECRET,
    logFile: join(root, 'api.log'),
    env: { DATABASE_POOL_SIZE: String(POOL_SIZE) },
    // BENCH_API_NODE_ARGS go to the API's node only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where its time goes.
    nodeArgs: (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean),
  });

  // --- seed: team, agents, logins
  log(`seeding 1 team, ${AGENTS} agents and logging them in ...`);
  const teamId = (await db.query(`INSERT INTO teams (name, is_default) VALUES ('Bench', true) RETURNING id`)).rows[0].id;
  const agents = Array.from({ length: AGENTS }, (_, i) => ({ name: `Bench Agent ${String(i + 1).padStart(2, '0')}`, email: `agent${i + 1}@bench.firsthand.test` }));
  const agentIds = await insertAgents(db, { teamId, agents, passwordHash: bcrypt.hashSync(PASSWORD, 4) });
  agents.forEach((a, i) => (a.id = agentIds[i]));
  await logInAgents(api.port, agents, PASSWORD);

  // --- seed: a few tickets through the API (also creates customers), then the bulk in SQL
  const apiCreated = [];
  for (let i = 0; i < API_SEEDED_VIA_HTTP; i++) {
    const opened = await openTicketViaApi(api.port, { subject: `Bench via API ${i}`, customer: { name: `Bench Customer ${i}`, email: `customer${i}@bench.firsthand.test` } });
    apiCreated.push(opened.id);
  }
  const customers = (await db.query(`SELECT id, name FROM customers ORDER BY name`)).rows;
  const takenCodes = new Set((await db.query('SELECT code FROM tickets')).rows.map((r) => r.code));
  const total = API_WARMUP + RAW_WARMUP + LEVELS.length * 2 * CLAIMS;
  log(`inserting ${total} unowned tickets in SQL, as TicketStore.insert() writes them ...`);
  const times = newTicketTimes();
  const seeded = await insertTickets(db, Array.from({ length: total }, (_, i) => ({ customerId: customers[i % customers.length].id, ...times })), { teamId, takenCodes });
  const allIds = seeded.map((t) => t.id);
  await checkSameShape(db, apiCreated[0], allIds[0], 'new');
  await db.query('VACUUM ANALYZE');
  let cursor = 0;
  const take = (n) => allIds.slice(cursor, (cursor += n));

  // --- how a claim is made on each side
  const apiClaim = async (worker, ticketId) => {
    const agent = agents[worker];
    const res = await keepAlive.request(api.port, 'POST', `/api/tickets/${ticketId}/claim`, { token: agent.token });
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
    await inTransaction(db, async (client) => {
      const updated = await client.query(
        `UPDATE tickets SET owner_id = $2, first_responder_id = $2, first_response_at = now(), status = 'open',
           offered_to_id = NULL, last_customer_visible_update_at = now(), next_update_due_at = now() + make_interval(mins => $3),
           last_seq = last_seq + 1, updated_at = now()
         WHERE id = $1 AND owner_id IS NULL AND status = 'new'
         RETURNING last_seq`,
        [ticketId, agent.id, SLA_NORMAL_STANDARD.cadence / 60],
      );
      if (updated.rowCount !== 1) throw new Error('ticket was not claimable');
      await client.query(
        `INSERT INTO ticket_events (ticket_id, seq, type, visibility, actor_type, actor_id, actor_name, payload, created_at)
         VALUES ($1, $2, 'claimed', 'public', 'agent', $3, $4, $5::jsonb, now()) RETURNING *`,
        [ticketId, updated.rows[0].last_seq, agent.id, agent.name, JSON.stringify({ ownerId: agent.id, ownerName: agent.name, via: 'claim' })],
      );
    });
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
  console.log('');
  console.log('Claim benchmark: POST /api/tickets/:id/claim (real built API process) vs raw SQL (pg Pool, same UPDATE + event INSERT)');
  console.log(machineLine());
  console.log(services.describe);
  console.log(`load average (1/5/15 min): ${fmtLoad(loadAtStart)} at start, ${fmtLoad()} at end (the benchmark itself adds about 2)`);
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
  printTable(header, rows);
  if (results.some((x) => x.api.capped || x.raw.capped)) console.log(`* stopped at the ${MAX_SECONDS} s cap before all ${CLAIMS} claims`);
  const ms = (v) => (v === null ? 'n/a' : v.toFixed(2));
  console.log(
    `CPU per claim (ms): ${results
      .map(({ level, api: a, raw: r }) => `c=${level}: API process ${ms(a.apiCpuMsPerClaim)}, bench client ${ms(a.benchCpuMsPerClaim)} (HTTP) / ${ms(r.benchCpuMsPerClaim)} (raw pg)`)
      .join('; ')}`,
  );
  console.log('All claims answered 200 (API) / changed exactly one row (raw); every claimed ticket checked in the database afterwards.');
}

await runBench(main);
