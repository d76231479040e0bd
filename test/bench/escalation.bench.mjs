#!/usr/bin/env node
// SLA escalation timing: 2,000 tickets whose first-response warning (80% of the target) falls at
// distinct moments over a 10-second window, warned by the real built worker process(es), against raw
// BullMQ delayed no-op jobs due over a window of the same shape, in the same run, on the same
// throw-away PostgreSQL (durable) and Redis (AOF everysec, noeviction, hz 100).
//
//   node test/bench/escalation.bench.mjs          (or: npm run bench:escalation)
//
// Knobs (environment):
//   BENCH_TIMERS=2000            tickets (one measured warning each) and raw delayed jobs
//   BENCH_WINDOW_SECONDS=10      the due moments are spread evenly over this window
//   BENCH_LEAD_SECONDS=20        from seeding the tickets to the window's start: the worker must have
//                                handled every 'created' event (and so scheduled the timers) by then
//   BENCH_WORKERS=1              worker processes
//   BENCH_WORKER_CONCURRENCY=8   WORKER_CONCURRENCY of each worker; the SLA-timer queue runs 4x that, and so does the raw worker
//   BENCH_DRAIN_SECONDS=30       how long after the window to wait for late escalations
//   BENCH_SIDES=raw,firsthand
//   BENCH_SKIP_BUILD=1           do not run `npm run build` even when dist is missing or older than sources
//   BENCH_KEEP_DIR=1             keep the temp directory (PostgreSQL data, Redis AOF, process logs)
//
// All network traffic goes to 127.0.0.1; every wait is bounded by a deadline.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import bcrypt from 'bcryptjs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import {
  API_MAIN,
  BenchError,
  ROOT,
  SLA_NORMAL_STANDARD,
  WORKER_MAIN,
  benchDir,
  checkSameShape,
  committedTransactions,
  countStatementsFrom,
  cpuMeter,
  dropLiveOutbox,
  ensureBuilt,
  envInt,
  envSides,
  fmt,
  fmtLoad,
  insertAgents,
  insertCustomers,
  insertTickets,
  loadMark,
  log,
  machineLine,
  onCleanup,
  openTicketViaApi,
  packageVersion,
  pollUntil,
  postgresPids,
  printTable,
  problemLines,
  runBench,
  sleep,
  startApi,
  startNode,
  startServices,
  startSmtpSink,
  startWorker,
  stats,
  warnIfBusy,
} from './lib/bench-kit.mjs';

const TIMERS = envInt('BENCH_TIMERS', 2000, 10, 20_000);
const WINDOW_SECONDS = envInt('BENCH_WINDOW_SECONDS', 10, 1, 120);
const LEAD_SECONDS = envInt('BENCH_LEAD_SECONDS', 20, 3, 300);
const WORKERS = envInt('BENCH_WORKERS', 1, 1, 8);
const CONCURRENCY = envInt('BENCH_WORKER_CONCURRENCY', 8, 1, 256);
/** The SLA-timer queue's slots in a worker with that WORKER_CONCURRENCY (QueueWorkers.timerConcurrency); the raw worker gets as many. */
const TIMER_SLOTS = CONCURRENCY * 4;
const DRAIN_SECONDS = envInt('BENCH_DRAIN_SECONDS', 30, 1, 300);
const SIDES = envSides('raw,firsthand');
const SECRET = randomBytes(32).toString('hex');
const PASSWORD = 'bench-password-0123';
/**
 * The tickets were opened this long before the run, so the later stages of the same target (breach
 * at 100%, critical at 150%) fall minutes after the window and the drain: only the warnings fire.
 */
const BACKDATE_SECONDS = 600;
const RAW_LEAD_SECONDS = 3; // adding 2,000 raw jobs takes a fraction of a second
const RAW_QUEUE = 'raw-timers';
const RAW_PREFIX = 'rawbench';
// A ticket is timed for its next moment only (nextSlaMoment): a new ticket's first-response warning.
const TIMERS_PER_TICKET = 1;

/** The raw side's worker: a plain BullMQ Worker in its own process (as the Firsthand worker is), no-op handler. */
const RAW_WORKER_SOURCE = ({ bullmq, ioredis }) => `
import { Worker } from '${bullmq}';
import { Redis } from '${ioredis}';
const [url, prefix, queue, concurrency] = process.argv.slice(2);
const connection = new Redis(url, { maxRetriesPerRequest: null });
const worker = new Worker(queue, async (job) => {
  const startedAt = Date.now();
  process.stdout.write('FIRED ' + JSON.stringify({ i: job.data.i, startedAt, timestamp: job.timestamp, delay: job.opts.delay ?? 0, processedOn: job.processedOn }) + '\\n');
}, { connection, prefix, concurrency: Number(concurrency), lockDuration: 30000, stalledInterval: 30000, maxStalledCount: 2 });
worker.on('error', (e) => console.error('worker error', e.message));
await worker.waitUntilReady();
console.log('RAW_TIMER_WORKER_READY');
process.on('SIGTERM', async () => { await worker.close(); connection.disconnect(); process.exit(0); });
`;

/** Due moment of timer i: spread evenly over the window starting at `start` (ms). */
const dueInWindow = (start, i) => start + Math.floor((i * WINDOW_SECONDS * 1000) / TIMERS);

async function rawSide({ root, services, loads }) {
  const fired = [];
  const worker = await startNode({
    name: 'raw BullMQ worker',
    args: [join(root, 'raw-timer-worker.mjs'), services.redisUrl, RAW_PREFIX, RAW_QUEUE, String(TIMER_SLOTS)],
    ready: /RAW_TIMER_WORKER_READY/,
    logFile: join(root, 'raw-worker.log'),
    onLine: (line) => {
      if (line.startsWith('FIRED ')) fired.push(JSON.parse(line.slice(6)));
    },
  });
  const connection = new Redis(services.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(RAW_QUEUE, { connection, prefix: RAW_PREFIX });
  onCleanup('raw queue', async () => {
    await queue.close();
    connection.disconnect();
  });
  const cpu = cpuMeter({ 'raw worker': () => [worker.pid], Redis: () => [services.redisPid], bench: () => [process.pid] });
  await sleep(1000);
  const before = loadMark('raw: before');
  const cpu0 = cpu.take();
  const windowStart = Date.now() + RAW_LEAD_SECONDS * 1000;
  // The same options as the SLA timers' (attempts, backoff, kept completed), each job's delay taken from now.
  const CHUNK = 500;
  for (let from = 0; from < TIMERS; from += CHUNK) {
    const jobs = [];
    for (let i = from; i < Math.min(TIMERS, from + CHUNK); i++) {
      jobs.push({
        name: 'raw-timer',
        data: { i },
        opts: {
          jobId: `raw-${i}`,
          delay: Math.max(0, dueInWindow(windowStart, i) - Date.now()),
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
          removeOnComplete: { age: 86_400, count: 100_000 },
          removeOnFail: { age: 7 * 86_400 },
        },
      });
    }
    await queue.addBulk(jobs);
  }
  const addedBy = Date.now();
  if (addedBy >= windowStart) throw new BenchError(`raw: adding ${TIMERS} jobs took until ${addedBy - windowStart} ms past the window start`);
  const windowEnd = windowStart + WINDOW_SECONDS * 1000;
  await pollUntil(() => fired.length >= TIMERS, { timeoutMs: windowEnd + DRAIN_SECONDS * 1000 - Date.now(), everyMs: 100 });
  await sleep(1000); // a duplicate would show by now
  const after = loadMark('raw: after');
  loads.push({ phase: 'raw BullMQ window', before, after });
  const cpuUse = cpu.report(cpu0);
  const seen = new Map();
  for (const f of fired) seen.set(f.i, (seen.get(f.i) ?? 0) + 1);
  const result = {
    side: `raw BullMQ (1 process, concurrency ${TIMER_SLOTS})`,
    timers: TIMERS,
    fired: seen.size,
    duplicates: [...seen.values()].reduce((s, n) => s + n - 1, 0),
    lateness: stats(fired.map((f) => f.startedAt - (f.timestamp + f.delay))),
    vsIntended: stats(fired.map((f) => f.startedAt - dueInWindow(windowStart, f.i))),
    bullLateness: stats(fired.map((f) => f.processedOn - (f.timestamp + f.delay))),
    firstFire: Math.min(...fired.map((f) => f.startedAt)) - windowStart,
    lastFire: Math.max(...fired.map((f) => f.startedAt)) - windowStart,
    cpu: cpuUse.text,
    addedMsBeforeWindow: windowStart - addedBy,
  };
  await queue.close();
  await worker.stop();
  return result;
}

async function firsthandSide({ root, services, smtp, seed, slaThresholds, loads, notes }) {
  const { db } = services;
  const prefix = `bench${randomBytes(4).toString('hex')}`;
  const workers = [];
  for (let w = 0; w < WORKERS; w++) {
    workers.push(
      await startWorker({
        name: `worker ${w + 1}`,
        logFile: join(root, `worker-${w + 1}.log`),
        databaseUrl: services.databaseUrl,
        redisUrl: services.redisUrl,
        secret: SECRET,
        prefix,
        smtpUrl: smtp.url,
        concurrency: CONCURRENCY,
      }),
    );
  }
  const connection = new Redis(services.redisUrl, { maxRetriesPerRequest: null });
  const timersQueue = new Queue('sla-timers', { connection, prefix });
  onCleanup('sla-timers queue handle', async () => {
    await timersQueue.close();
    connection.disconnect();
  });
  // The boot sweep (re-creating timers into a Redis that never had them) and the API ticket's event, out of the way first.
  await pollUntil(async () => (await connection.exists(`${prefix}:sla-timers-present`)) === 1, { timeoutMs: 30_000 });
  await pollUntil(async () => (await db.query('SELECT count(*)::int AS n FROM job_outbox')).rows[0].n === 0, { timeoutMs: 30_000 });
  const delayedBefore = await timersQueue.getDelayedCount();

  const cpu = cpuMeter({
    workers: () => workers.map((w) => w.pid),
    PostgreSQL: () => postgresPids(services.pgDataDir),
    Redis: () => [services.redisPid],
    bench: () => [process.pid],
  });
  const scheduleBefore = loadMark('firsthand: before seeding and scheduling');
  const cpuSchedule = cpu.take();
  const seededAt = Date.now();
  const windowStart = seededAt + LEAD_SECONDS * 1000;
  const createdAt = seededAt - BACKDATE_SECONDS * 1000;
  const plan = Array.from({ length: TIMERS }, (_, i) => {
    // Warning at 80%: a first-response target of (due moment - opened) / 0.8.
    const target = Math.round((dueInWindow(windowStart, i) - createdAt) / 0.8);
    return {
      customerId: seed.customerIds[i % seed.customerIds.length],
      createdAt: new Date(createdAt),
      firstResponseDueAt: new Date(createdAt + target),
      resolutionDueAt: new Date(createdAt + SLA_NORMAL_STANDARD.resolution * 1000), // the seeded normal x standard target: its stages are days away
    };
  });
  const earliestBreach = Math.min(...plan.map((t) => t.firstResponseDueAt.getTime()));
  if (earliestBreach <= windowStart + (WINDOW_SECONDS + DRAIN_SECONDS) * 1000) {
    throw new BenchError(`the breach stage would fire before the run ends: shorten BENCH_WINDOW_SECONDS + BENCH_DRAIN_SECONDS (tickets are opened ${BACKDATE_SECONDS} s before)`);
  }
  log(`seeding ${TIMERS} new tickets (opened ${BACKDATE_SECONDS} s ago) whose first-response warnings fall ${LEAD_SECONDS}-${LEAD_SECONDS + WINDOW_SECONDS} s from now ...`);
  const tickets = await insertTickets(db, plan, { teamId: seed.teamId, takenCodes: seed.takenCodes });
  await dropLiveOutbox(db);
  const ids = tickets.map((t) => t.id);
  await checkSameShape(db, seed.apiTicketId, ids[0], 'new');

  // The exact moment each warning is due, by the domain's own rule, from what the database holds.
  const { rows: stored } = await db.query(
    `SELECT id, status, created_at, first_response_at, first_response_due_at, resolution_due_at, owner_id, next_update_due_at FROM tickets WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const fireAt = new Map(
    stored.map((r) => {
      const warning = slaThresholds({
        status: r.status,
        createdAt: r.created_at,
        firstResponseAt: r.first_response_at,
        firstResponseDueAt: r.first_response_due_at,
        resolutionDueAt: r.resolution_due_at,
        ownerId: r.owner_id,
        nextUpdateDueAt: r.next_update_due_at,
      }).find((t) => t.target === 'first_response' && t.stage === 'warning');
      return [r.id, warning.fireAt.getTime()];
    }),
  );
  const windowEnd = windowStart + WINDOW_SECONDS * 1000;
  const outside = [...fireAt.values()].filter((t) => t < windowStart || t >= windowEnd).length;
  if (outside > 0) throw new Error(`${outside} warnings fall outside the window: the plan and the domain's rule disagree`);

  // Scheduling: every 'created' event handled (job_outbox empty) and the timers in Redis, before the window.
  const scheduled = await pollUntil(
    async () => {
      const { rows } = await db.query('SELECT count(*)::int AS n FROM job_outbox');
      if (rows[0].n > 0) return false;
      const delayed = await timersQueue.getDelayedCount();
      return delayed - delayedBefore >= TIMERS * TIMERS_PER_TICKET ? { at: Date.now(), delayed } : false;
    },
    { timeoutMs: windowStart - 300 - Date.now(), everyMs: 100 },
  );
  const scheduleAfter = loadMark('firsthand: timers scheduled');
  loads.push({ phase: `firsthand scheduling (${TIMERS} created events)`, before: scheduleBefore, after: scheduleAfter });
  const cpuScheduleLine = cpu.report(cpuSchedule).text;
  if (!scheduled) {
    const { rows } = await db.query('SELECT count(*)::int AS n FROM job_outbox');
    throw new BenchError(
      `the worker had not scheduled every timer ${LEAD_SECONDS} s after seeding (job_outbox still holds ${rows[0].n} events; ` +
        `${(await timersQueue.getDelayedCount()) - delayedBefore} of ${TIMERS * TIMERS_PER_TICKET} timers delayed in Redis): raise BENCH_LEAD_SECONDS`,
    );
  }
  const scheduledInSeconds = (scheduled.at - seededAt) / 1000;

  await sleep(Math.max(0, windowStart - 100 - Date.now()));
  const windowBefore = loadMark('firsthand: window opens');
  const emailsAtWindow = smtp.received.length;
  await countStatementsFrom(db, 'the Firsthand window and its drain');
  const xact0 = await committedTransactions(db);
  const cpuWindow = cpu.take();
  const countWarnings = async () =>
    (await db.query(`SELECT count(*)::int AS n FROM ticket_events WHERE type = 'sla_warning' AND ticket_id = ANY($1::uuid[])`, [ids])).rows[0].n;
  await pollUntil(async () => (await countWarnings()) >= TIMERS, { timeoutMs: windowEnd + DRAIN_SECONDS * 1000 - Date.now(), everyMs: 250 });
  const lastSeenAt = Date.now();
  await sleep(2000); // a duplicate would show by now
  const windowAfter = loadMark('firsthand: after the window');
  loads.push({ phase: `firsthand window (${WORKERS} worker${WORKERS > 1 ? 's' : ''})`, before: windowBefore, after: windowAfter });
  const cpuWindowUse = cpu.report(cpuWindow);
  const xacts = (await committedTransactions(db)) - xact0;

  const { rows: events } = await db.query(
    `SELECT ticket_id, type, created_at, payload FROM ticket_events WHERE ticket_id = ANY($1::uuid[]) AND type IN ('sla_warning', 'sla_escalated', 'update_reminder')`,
    [ids],
  );
  const warnings = events.filter((e) => e.type === 'sla_warning' && e.payload.target === 'first_response');
  const perTicket = new Map();
  for (const e of warnings) perTicket.set(e.ticket_id, (perTicket.get(e.ticket_id) ?? 0) + 1);
  const lateness = warnings.map((e) => e.created_at.getTime() - fireAt.get(e.ticket_id));
  const { rows: ledger } = await db.query(
    `SELECT stage, count(*)::int AS n FROM sla_escalations WHERE ticket_id = ANY($1::uuid[]) GROUP BY stage ORDER BY stage`,
    [ids],
  );

  // From BullMQ's own records of the warning timers: when each job was due (timestamp + delay) against
  // the domain's moment. Only the jobs still in Redis: handling a warning's event removes its timer's job.
  const idSet = new Set(ids);
  const jobs = (await timersQueue.getJobs(['completed', 'failed'], 0, -1)).filter((j) => j && j.data.stage === 'warning' && j.data.target === 'first_response' && idSet.has(j.data.ticketId));
  const outcomes = {};
  for (const j of jobs) {
    const o = j.failedReason ? 'failed' : (j.returnvalue?.outcome ?? 'unknown');
    outcomes[o] = (outcomes[o] ?? 0) + 1;
  }
  const dueOffset = stats(jobs.map((j) => j.timestamp + (j.opts.delay ?? 0) - fireAt.get(j.data.ticketId)));
  const noticeEmails = smtp.received.filter((m) => m.to === seed.agentEmail).length;
  // Emails of the seeded tickets (their customers' acknowledgements) still going out in the window compete with the warnings.
  const emailsInWindow = smtp.received.length - emailsAtWindow;
  // A warning's UPDATE of its ticket touches no indexed column: kept on its page (HOT), it writes no index entries.
  const { rows: [ticketUpdates] } = await db.query(`SELECT n_tup_upd::int AS updates, n_tup_hot_upd::int AS hot FROM pg_stat_user_tables WHERE relname = 'tickets'`);
  // PostgreSQL's own background work that finished in the window (it competes for the same two cores).
  const { rows: autovacuum } = await db.query(
    `SELECT relname, greatest(last_autovacuum, last_autoanalyze) AS at, last_autovacuum IS NOT NULL AND last_autovacuum >= $1 AS vacuumed
     FROM pg_stat_all_tables WHERE greatest(last_autovacuum, last_autoanalyze) >= $1 ORDER BY at`,
    [new Date(windowStart - 2000)],
  );

  let sweeperApplied = 0;
  const problems = [];
  for (const w of workers) {
    for (const m of w.output().matchAll(/Applied (\d+) overdue SLA threshold/g)) sweeperApplied += Number(m[1]);
    problems.push(...problemLines(w.output()).filter((l) => !/overdue SLA threshold/.test(l)));
    if (!w.alive()) notes.push(`${w.name} exited during the run`);
  }
  if (problems.length > 0) notes.push(`worker warnings/errors (${problems.length}), first: ${problems[0].slice(0, 300)}`);
  await timersQueue.close();
  for (const w of workers) await w.stop();
  return {
    side: `Firsthand (${WORKERS} worker process${WORKERS > 1 ? 'es' : ''}, SLA timers at concurrency ${TIMER_SLOTS})`,
    timers: TIMERS,
    fired: perTicket.size,
    duplicates: [...perTicket.values()].reduce((s, n) => s + n - 1, 0),
    lateness: stats(lateness),
    otherStages: events.length - warnings.length,
    ledger,
    outcomes,
    dueOffset,
    noticeEmails,
    emailsAtWindow,
    emailsInWindow,
    ticketUpdates,
    autovacuum: autovacuum.map((a) => `${a.relname} ${a.vacuumed ? 'vacuumed' : 'analyzed'} at ${((a.at.getTime() - windowStart) / 1000).toFixed(1)} s`),
    sweeperApplied,
    scheduledInSeconds,
    firstFire: Math.min(...warnings.map((e) => e.created_at.getTime())) - windowStart,
    // Where the late tail sits: the worst lateness among the timers due in each second of the window.
    worstBySecond: worstBySecond(warnings.map((e) => ({ dueAt: fireAt.get(e.ticket_id), late: e.created_at.getTime() - fireAt.get(e.ticket_id) })), windowStart),
    worstByTenth: worstBySecond(warnings.map((e) => ({ dueAt: fireAt.get(e.ticket_id), late: e.created_at.getTime() - fireAt.get(e.ticket_id) })), windowStart, 100),
    lastFire: Math.max(...warnings.map((e) => e.created_at.getTime())) - windowStart,
    lastSeenAfterWindow: (lastSeenAt - windowEnd) / 1000,
    cpuSchedule: cpuScheduleLine,
    cpu: cpuWindowUse.text,
    perWarning: `per warning: ${fmt((cpuWindowUse.used.workers * 1000) / TIMERS)} ms worker CPU, ${fmt((cpuWindowUse.used.PostgreSQL * 1000) / TIMERS)} ms PostgreSQL CPU, ${fmt(xacts / TIMERS)} PostgreSQL transactions (timer, its event, the team's live notice and the live update; a team-wide warning sends no email; the bench's own polling included); the workers' read/write system calls ${fmt(cpuWindowUse.counters.workers.syscr / TIMERS)}/${fmt(cpuWindowUse.counters.workers.syscw / TIMERS)}, context switches ${fmt(cpuWindowUse.counters.workers.voluntary / TIMERS)} voluntary + ${fmt(cpuWindowUse.counters.workers.involuntary / TIMERS)} forced`,
  };
}

async function main() {
  const loadAtStart = os.loadavg(); // before any build of ours, so it shows what else is running
  const buildState = ensureBuilt({ [API_MAIN]: 'apps/api/src', [WORKER_MAIN]: 'apps/worker/src' });
  warnIfBusy(loadAtStart);
  const { slaThresholds } = await import(pathToFileURL(join(ROOT, 'dist/apps/worker/libs/domain/src/sla-thresholds.js')).href);
  const root = benchDir('firsthand-escalation-');
  writeFileSync(join(root, 'raw-timer-worker.mjs'), RAW_WORKER_SOURCE({ bullmq: import.meta.resolve('bullmq'), ioredis: import.meta.resolve('ioredis') }));
  const services = await startServices(root);
  const smtp = await startSmtpSink();
  const { db } = services;

  // --- migrations (the API runs them), seed, and one ticket opened through the API to check the SQL shape against
  log('starting the built API once (runs the migrations) ...');
  const api = await startApi({ databaseUrl: services.databaseUrl, redisUrl: services.redisUrl, secret: SECRET, logFile: join(root, 'api.log') });
  const teamId = (await db.query(`INSERT INTO teams (name, is_default) VALUES ('Bench', true) RETURNING id`)).rows[0].id;
  // A small team: an unclaimed ticket's warning goes to its agents and seniors, here one agent (the supervisor hears of escalations only).
  const agentEmail = 'agent1@bench.firsthand.test';
  await insertAgents(db, {
    teamId,
    passwordHash: bcrypt.hashSync(PASSWORD, 4),
    agents: [
      { name: 'Bench Agent', email: agentEmail, role: 'agent' },
      { name: 'Bench Supervisor', email: 'supervisor1@bench.firsthand.test', role: 'supervisor' },
    ],
  });
  const apiTicketId = (await openTicketViaApi(api.port, { customer: { name: 'Bench API Customer', email: 'api-customer@bench.firsthand.test' } })).id;
  await api.stop(); // only the worker touches the data from here on
  const customerIds = await insertCustomers(db, Array.from({ length: 100 }, (_, i) => `customer${i + 1}@bench.firsthand.test`));
  const takenCodes = new Set((await db.query('SELECT code FROM tickets')).rows.map((r) => r.code));
  await db.query('VACUUM ANALYZE');
  const seed = { teamId, customerIds, takenCodes, apiTicketId, agentEmail };

  const results = [];
  const loads = [];
  const notes = [];
  for (const side of SIDES) {
    await db.query('CHECKPOINT');
    if (side === 'raw') results.push(await rawSide({ root, services, loads }));
    else results.push(await firsthandSide({ root, services, smtp, seed, slaThresholds, loads, notes }));
  }

  // --- report
  console.log('');
  console.log(`SLA escalation benchmark: ${TIMERS} first-response warnings due over ${WINDOW_SECONDS} s, fired by the real built worker, vs raw BullMQ delayed no-op jobs over the same window shape`);
  console.log(machineLine());
  console.log(`${services.describe}; bullmq ${packageVersion('bullmq')}, ioredis ${packageVersion('ioredis')}`);
  console.log(`load average (1/5/15 min): ${fmtLoad(loadAtStart)} at start, ${fmtLoad()} at end (the benchmark itself adds about 1-2)`);
  for (const l of loads) console.log(`load average, ${l.phase}: ${fmtLoad(l.before)} before, ${fmtLoad(l.after)} after`);
  console.log(
    `dist: ${buildState}; worker NODE_ENV=production, DATABASE_POOL_SIZE=10, WORKER_SWEEP_EVERY_SECONDS=60 (default), SMTP to a counting server in the bench process; ` +
      `lateness: Firsthand = ticket_events.created_at of the sla_warning - the domain's fireAt (opened + 80% of the target); raw = handler start - (job timestamp + delay)`,
  );
  console.log('');
  const header = ['side', 'timers', 'fired', 'duplicates', 'p50 ms', 'p99 ms', 'max ms'];
  const rows = results.map((r) => [r.side, String(r.timers), String(r.fired), String(r.duplicates), fmt(r.lateness.p50), fmt(r.lateness.p99), fmt(r.lateness.max)]);
  const f = results.find((r) => r.side.startsWith('Firsthand'));
  const raw = results.find((r) => r.side.startsWith('raw'));
  if (f && raw) {
    const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(1)}x` : `+${fmt(a - b)} ms`);
    rows.push(['Firsthand / raw', '', '', '', ratio(f.lateness.p50, raw.lateness.p50), ratio(f.lateness.p99, raw.lateness.p99), ratio(f.lateness.max, raw.lateness.max)]);
  }
  printTable(header, rows);
  console.log('');
  const s = (x) => `p50 ${fmt(x.p50)} / p99 ${fmt(x.p99)} / max ${fmt(x.max)} ms`;
  if (raw) {
    console.log(`raw: jobs added ${raw.addedMsBeforeWindow} ms before the window; fired from ${raw.firstFire} to ${raw.lastFire} ms into the window; handler start - intended due moment ${s(raw.vsIntended)}; processedOn - (timestamp + delay) ${s(raw.bullLateness)}`);
    console.log(`raw: ${raw.cpu}`);
  }
  if (f) {
    console.log(`firsthand: every 'created' event handled and ${TIMERS * TIMERS_PER_TICKET} timers in Redis ${fmt(f.scheduledInSeconds)} s after seeding (the window opened at ${LEAD_SECONDS} s); ${f.cpuSchedule}`);
    console.log(`firsthand: emails received by the SMTP sink before the window opened: ${f.emailsAtWindow}; during the window and its drain: ${f.emailsInWindow}`);
    console.log(`firsthand: UPDATEs of tickets over the run: ${f.ticketUpdates.updates}, of them on the row's own page (HOT, no index entries): ${f.ticketUpdates.hot}`);
    console.log(`firsthand: autovacuum finished from 2 s before the window to its end: ${f.autovacuum.join(', ') || 'none'}`);
    console.log(`firsthand: worst lateness of the timers due in each second of the window (ms): ${f.worstBySecond.join(' ')}`);
    if (process.env.BENCH_TENTHS === '1') console.log(`firsthand: the same per 100 ms: ${f.worstByTenth.join(' ')}`);
    console.log(`firsthand: warnings from ${f.firstFire} to ${f.lastFire} ms into the window, the last seen ${fmt(f.lastSeenAfterWindow)} s after it closed; sla_escalations rows: ${f.ledger.map((l) => `${l.stage} ${l.n}`).join(', ') || 'none'}; other SLA events on these tickets: ${f.otherStages}`);
    console.log(
      `firsthand: applied by the sweeper instead of a timer: ${f.sweeperApplied}; warning timer jobs still in Redis at the end: ${Object.entries(f.outcomes).map(([k, v]) => `${v} ${k}`).join(', ') || 'none'}, ` +
        `their BullMQ due moment (timestamp + delay) - the domain's fireAt ${s(f.dueOffset)}`,
    );
    console.log(`firsthand: warning emails received by the end: ${f.noticeEmails} (0 expected: these tickets are unclaimed, and a warning to a whole team is a live notice only)`);
    console.log(`firsthand: ${f.cpu}`);
    console.log(`firsthand: ${f.perWarning}`);
  }
  for (const note of notes) console.log(`note: ${note}`);
  const bad = results.filter((r) => r.fired !== r.timers || r.duplicates > 0 || (r.otherStages ?? 0) > 0);
  if (bad.length > 0) throw new BenchError(`${bad.map((r) => r.side).join(' and ')}: not every timer fired exactly once (see above)`);
  console.log(`Every timer fired exactly once on both sides.`);
}

await runBench(main);

function worstBySecond(timers, windowStart, slotMs = 1000) {
  const worst = [];
  for (const { dueAt, late } of timers) {
    const second = Math.max(0, Math.floor((dueAt - windowStart) / slotMs));
    worst[second] = Math.max(worst[second] ?? 0, late);
  }
  return Array.from(worst, (w) => String(w ?? '-'));
}
