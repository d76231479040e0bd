#!/usr/bin/env node
// Notification throughput end to end: public agent replies committed in PostgreSQL reach a real SMTP
// server through the real built worker process(es) (job outbox -> BullMQ -> plan -> deliver ->
// nodemailer), at 1 and at 4 workers, each on fresh tickets, against a raw baseline in the same run:
// nodemailer with the same pool settings sending the same messages straight to the same SMTP server.
//
//   node test/bench/notify.bench.mjs          (or: npm run bench:notify)
//
// Knobs (environment):
//   BENCH_NOTIFICATIONS=2000     replies (one customer email each) per level, and raw messages per level
//   BENCH_WORKERS=1,4            worker process counts, each a separate run on fresh tickets and a fresh queue prefix
//   BENCH_WORKER_CONCURRENCY=8   WORKER_CONCURRENCY of each worker, and each raw sender's sends in flight
//   BENCH_COMMIT_CONCURRENCY=8   reply transactions in flight while committing (a pg pool of that size)
//   BENCH_SMTP_CONNECTIONS=2     SMTP_MAX_CONNECTIONS of each worker (its default), and each raw sender's pool
//   BENCH_MAX_SECONDS=180        cap for the warm-up and for the emails of a level to arrive
//   BENCH_SIDES=firsthand,raw
//   BENCH_SKIP_BUILD=1           do not run `npm run build` even when dist is missing or older than sources
//   BENCH_KEEP_DIR=1             keep the temp directory (PostgreSQL data, Redis AOF, process logs)
//
// All network traffic goes to 127.0.0.1; every loop is bounded by a count and a deadline.
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { Redis } from 'ioredis';
import pg from 'pg';
import {
  API_MAIN,
  BenchError,
  SLA_NORMAL_STANDARD,
  WORKER_MAIN,
  benchDir,
  checkSameShape,
  claimInSql,
  committedTransactions,
  countStatementsFrom,
  cpuMeter,
  dropLiveOutbox,
  ensureBuilt,
  envInt,
  envIntList,
  envSides,
  expectStatus,
  fmt,
  fmtLoad,
  inTransaction,
  insertAgents,
  insertCustomers,
  insertTickets,
  loadMark,
  log,
  logInAgents,
  machineLine,
  newTicketTimes,
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

const NOTIFICATIONS = envInt('BENCH_NOTIFICATIONS', 2000, 10, 50_000);
const LEVELS = envIntList('BENCH_WORKERS', '1,4', 1, 16);
const CONCURRENCY = envInt('BENCH_WORKER_CONCURRENCY', 8, 1, 256);
const COMMIT_CONCURRENCY = envInt('BENCH_COMMIT_CONCURRENCY', 8, 1, 64);
const MAX_SECONDS = envInt('BENCH_MAX_SECONDS', 180, 10, 1800);
const SIDES = envSides('firsthand,raw');
const SECRET = randomBytes(32).toString('hex');
const PASSWORD = 'bench-password-0123';
const AGENTS = 8;
/** The workers' SMTP pool (SMTP_MAX_CONNECTIONS, given them from BENCH_SMTP_CONNECTIONS) and NOTIFY_SEND_TIMEOUT_MS, which the raw side copies. */
const SMTP_POOL = { maxConnections: envInt('BENCH_SMTP_CONNECTIONS', 2, 1, 50), timeoutMs: 20_000 };
const EMAIL_FROM = 'Firsthand Support <support@firsthand.local>';
const REPLY_BODY = 'Thanks for waiting: the replacement toner ships today and the printer should stop complaining about PC LOAD LETTER.';

/** One raw sender process: nodemailer, pooled as the worker's SmtpEmailSender, `concurrency` sends in flight, started by a "go" line. */
const RAW_SENDER_SOURCE = ({ nodemailer }) => `
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createTransport } from '${nodemailer}';
const [url, messageFile, tag, count, concurrency, maxConnections, timeoutMs] = process.argv.slice(2);
const m = JSON.parse(readFileSync(messageFile, 'utf8'));
const t = Number(timeoutMs);
const transport = createTransport({ url, pool: true, maxConnections: Number(maxConnections), connectionTimeout: t, greetingTimeout: t, socketTimeout: t });
console.log('RAW_SENDER_READY');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line === 'go') break;
let next = 0;
let failures = 0;
let firstError = null;
const n = Number(count);
await Promise.all(Array.from({ length: Number(concurrency) }, async () => {
  while (next < n) {
    const i = next++;
    try {
      await transport.sendMail({ from: m.from, to: 'raw-' + tag + '-' + i + '@bench.firsthand.test', subject: m.subject, text: m.text, html: m.html, messageId: '<raw-' + tag + '-' + i + '@rawbench>' });
    } catch (error) {
      failures++;
      firstError ??= error.message;
    }
  }
}));
transport.close();
console.log('RAW_SENDER_DONE ' + JSON.stringify({ failures, firstError }));
setInterval(() => undefined, 60_000); // stays until SIGTERM, so its CPU time can still be read
`;

const FIRSTHAND_ID = /^<([0-9a-f-]{36})@firsthand>$/;

/**
 * Row updates of the tables every email changes, and how many were HOT (no index touched: the new
 * row version fit on its page), from PostgreSQL's statistics; the change since `since` when given.
 */
async function rowUpdates(db, since) {
  const { rows } = await db.query(
    `SELECT relname AS table, n_tup_upd::int AS updated, n_tup_hot_upd::int AS hot FROM pg_stat_user_tables WHERE relname IN ('tickets', 'notifications') ORDER BY relname`,
  );
  if (!since) return rows;
  return rows.map((r) => {
    const b = since.find((x) => x.table === r.table) ?? { updated: 0, hot: 0 };
    return { table: r.table, updated: r.updated - b.updated, hot: r.hot - b.hot };
  });
}

/** Commits one public reply by the owner as PostAgentMessage -> TicketStore.apply does, then drops its live_outbox row as the API does once it published. */
async function commitReply(db, ticket) {
  const eventId = await inTransaction(db, async (client) => {
    const updated = await client.query(
      `UPDATE tickets SET last_customer_visible_update_at = now(), next_update_due_at = now() + make_interval(secs => $3),
         last_seq = last_seq + 1, updated_at = now()
       WHERE id = $1 AND last_seq = $2 RETURNING last_seq`,
      [ticket.id, ticket.seq, SLA_NORMAL_STANDARD.cadence],
    );
    if (updated.rowCount !== 1) throw new Error(`ticket ${ticket.id} moved`);
    const seq = updated.rows[0].last_seq;
    const messageId = randomUUID();
    const { rows } = await client.query(
      `INSERT INTO ticket_events (ticket_id, seq, type, visibility, actor_type, actor_id, actor_name, payload, created_at)
       VALUES ($1, $2, 'agent_replied', 'public', 'agent', $3, $4, $5::jsonb, now()) RETURNING id`,
      [ticket.id, seq, ticket.ownerId, ticket.ownerName, JSON.stringify({ messageId, body: REPLY_BODY })],
    );
    await client.query(
      `INSERT INTO messages (id, ticket_id, event_seq, author_type, author_id, visibility, body, created_at) VALUES ($1, $2, $3, 'agent', $4, 'public', $5, now())`,
      [messageId, ticket.id, seq, ticket.ownerId, REPLY_BODY],
    );
    return String(rows[0].id);
  });
  const committedAt = Date.now();
  await db.query('DELETE FROM live_outbox WHERE event_id = $1', [eventId]);
  return { eventId, committedAt };
}

async function firsthandLevel({ level, root, services, smtp, seed, loads, notes }) {
  const { db } = services;
  // Fresh tickets, each its own customer (email only: no SMS; no webhook endpoints), claimed by the team's agents.
  const emails = Array.from({ length: NOTIFICATIONS }, (_, i) => `l${level}-c${i + 1}@bench.firsthand.test`);
  const customerIds = await insertCustomers(db, emails);
  const times = newTicketTimes();
  const tickets = await insertTickets(db, customerIds.map((customerId) => ({ customerId, ...times })), { teamId: seed.teamId, takenCodes: seed.takenCodes });
  const owned = tickets.map((t, i) => ({ id: t.id, seq: 2, owner: seed.agents[i % seed.agents.length] }));
  await claimInSql(db, owned.map((t) => ({ ticketId: t.id, agentId: t.owner.id })), { cadenceSeconds: SLA_NORMAL_STANDARD.cadence });
  await dropLiveOutbox(db);
  const ids = owned.map((t) => t.id);

  const prefix = `bench${randomBytes(4).toString('hex')}`;
  // A Redis that never held this deployment's timers makes every worker re-create the timers of every
  // open ticket at boot (here the earlier levels' too, once per worker): a recovery path, not the
  // steady state measured here. The warm-up schedules these tickets' timers through their events.
  const marker = new Redis(services.redisUrl, { maxRetriesPerRequest: 1 });
  await marker.set(`${prefix}:sla-timers-present`, new Date().toISOString());
  marker.disconnect();
  const workers = [];
  const warmStart = Date.now();
  log(`${level} worker(s): starting; warm-up = the ${NOTIFICATIONS} 'created' and 'claimed' events of the fresh tickets (${NOTIFICATIONS} claim emails) ...`);
  for (let w = 0; w < level; w++) {
    workers.push(
      await startWorker({
        name: `worker ${level}.${w + 1}`,
        logFile: join(root, `worker-${level}-${w + 1}.log`),
        databaseUrl: services.databaseUrl,
        redisUrl: services.redisUrl,
        secret: SECRET,
        prefix,
        smtpUrl: smtp.url,
        concurrency: CONCURRENCY,
        env: { SMTP_MAX_CONNECTIONS: String(SMTP_POOL.maxConnections) },
      }),
    );
  }
  const settled = async () => {
    const { rows } = await db.query(
      `SELECT (SELECT count(*)::int FROM job_outbox) AS outbox,
         (SELECT count(*)::int FROM notifications WHERE status IN ('pending', 'sending')) AS waiting,
         (SELECT count(*)::int FROM notifications WHERE ticket_id = ANY($1::uuid[]) AND status = 'sent') AS sent`,
      [ids],
    );
    return rows[0];
  };
  const warm = await pollUntil(async () => {
    const s = await settled();
    return s.outbox === 0 && s.waiting === 0 && s.sent >= NOTIFICATIONS ? s : false;
  }, { timeoutMs: MAX_SECONDS * 1000, everyMs: 250 });
  if (!warm) throw new BenchError(`${level} worker(s): the warm-up did not settle within ${MAX_SECONDS} s: ${JSON.stringify(await settled())}`);
  const warmSeconds = (Date.now() - warmStart) / 1000;
  // The warm-up filled the notification and mail-thread tables from empty within seconds: fresh
  // statistics, as autovacuum keeps them in a deployment past its first minutes. With an empty
  // table's statistics the planner scans those tables whole, thousands of rows per statement by now.
  await db.query('ANALYZE');
  await db.query('CHECKPOINT');
  await sleep(1000);

  // --- measured: commit the replies, then wait for their emails
  const cpu = cpuMeter({
    workers: () => workers.map((w) => w.pid),
    PostgreSQL: () => postgresPids(services.pgDataDir),
    Redis: () => [services.redisPid],
    'bench (commits + SMTP server)': () => [process.pid],
  });
  const firstIndex = smtp.received.length;
  const committer = new pg.Pool({ connectionString: services.databaseUrl, max: COMMIT_CONCURRENCY, application_name: 'firsthand-bench-commit' });
  let committerOpen = true;
  const endCommitter = () => (committerOpen ? ((committerOpen = false), committer.end()) : undefined);
  onCleanup(`commit pool ${level}`, endCommitter);
  await Promise.all(Array.from({ length: COMMIT_CONCURRENCY }, () => committer.query('SELECT 1'))); // connections open before the clock starts
  const before = loadMark(`firsthand ${level} worker(s): before`);
  await countStatementsFrom(db, `the replies of ${level} worker(s) and their emails`);
  const xact0 = await committedTransactions(db);
  const updates0 = await rowUpdates(db);
  const cpu0 = cpu.take();
  const committed = new Map();
  let next = 0;
  await Promise.all(
    Array.from({ length: COMMIT_CONCURRENCY }, async () => {
      while (next < owned.length) {
        const t = owned[next++];
        const r = await commitReply(committer, { id: t.id, seq: t.seq, ownerId: t.owner.id, ownerName: t.owner.name });
        committed.set(r.eventId, r.committedAt);
      }
    }),
  );
  const commitTimes = [...committed.values()];
  const firstCommit = Math.min(...commitTimes);
  const lastCommit = Math.max(...commitTimes);
  await pollUntil(() => smtp.received.length - firstIndex >= NOTIFICATIONS, { timeoutMs: MAX_SECONDS * 1000 - (Date.now() - firstCommit), everyMs: 100 });
  await sleep(2000); // a duplicate would show by now
  const after = loadMark(`firsthand ${level} worker(s): after`);
  loads.push({ phase: `firsthand, ${level} worker${level > 1 ? 's' : ''}`, before, after });
  const cpuUse = cpu.report(cpu0);
  await endCommitter();
  const xacts = (await committedTransactions(db)) - xact0;
  const updates = await rowUpdates(db, updates0);

  // --- what arrived: Message-ID <notification id@firsthand> -> notification -> event -> its commit time
  const { rows: planned } = await db.query(
    `SELECT id, event_id, kind, channel, recipient_type, status, attempts, subject, text_body, html_body FROM notifications WHERE event_id = ANY($1::bigint[])`,
    [[...committed.keys()]],
  );
  const byNotification = new Map(planned.map((n) => [n.id, n]));
  const arrived = smtp.received.slice(firstIndex);
  const perNotification = new Map();
  let stray = 0;
  for (const m of arrived) {
    const id = FIRSTHAND_ID.exec(m.messageId)?.[1];
    if (!id || !byNotification.has(id)) {
      stray++;
      continue;
    }
    const first = perNotification.get(id);
    perNotification.set(id, first ? { ...first, copies: first.copies + 1 } : { at: m.at, copies: 1 });
  }
  const latencies = [];
  let lastReceipt = 0;
  for (const [id, r] of perNotification) {
    latencies.push(r.at - committed.get(String(byNotification.get(id).event_id)));
    lastReceipt = Math.max(lastReceipt, r.at);
  }
  const customerEmails = planned.filter((n) => n.recipient_type === 'customer' && n.channel === 'email' && n.kind === 'agent_replied');
  const eventsWithEmail = new Set(customerEmails.map((n) => String(n.event_id)));
  const receivedEvents = new Set([...perNotification.keys()].map((id) => String(byNotification.get(id).event_id)));
  const sample = customerEmails[0];

  const problems = [];
  for (const w of workers) {
    problems.push(...problemLines(w.output()));
    if (!w.alive()) notes.push(`${w.name} exited during the run`);
  }
  if (problems.length > 0) notes.push(`${level} worker(s): ${problems.length} warning/error line(s), first: ${problems[0].slice(0, 300)}`);
  for (const w of workers) await w.stop();
  const received = perNotification.size;
  return {
    level,
    side: 'firsthand',
    expected: NOTIFICATIONS,
    planned: planned.length,
    plannedOther: planned.length - customerEmails.length,
    eventsWithoutEmail: NOTIFICATIONS - eventsWithEmail.size,
    received,
    lost: NOTIFICATIONS - receivedEvents.size,
    duplicates: [...perNotification.values()].reduce((s, r) => s + r.copies - 1, 0),
    stray,
    sentNotReceived: planned.filter((n) => n.status === 'sent' && !perNotification.has(n.id)).length,
    extraAttempts: planned.reduce((s, n) => s + Math.max(0, n.attempts - 1), 0),
    rate: received / ((lastReceipt - firstCommit) / 1000),
    latency: stats(latencies),
    commitSeconds: (lastCommit - firstCommit) / 1000,
    commitRate: NOTIFICATIONS / ((lastCommit - firstCommit) / 1000),
    warmSeconds,
    cpu: cpuUse.text,
    perEmail:
      `per email: ${fmt((cpuUse.used.workers * 1000) / NOTIFICATIONS)} ms worker CPU, ${fmt((cpuUse.used.PostgreSQL * 1000) / NOTIFICATIONS)} ms PostgreSQL CPU, ${fmt(xacts / NOTIFICATIONS)} PostgreSQL transactions (the reply's own commit and the bench's polling included); ` +
      `the workers' read/write system calls ${fmt(cpuUse.counters.workers.syscr / NOTIFICATIONS)}/${fmt(cpuUse.counters.workers.syscw / NOTIFICATIONS)}, context switches ${fmt(cpuUse.counters.workers.voluntary / NOTIFICATIONS)} voluntary + ${fmt(cpuUse.counters.workers.involuntary / NOTIFICATIONS)} forced; ` +
      `row updates (HOT of all): ${updates.map((u) => `${u.table} ${u.hot} of ${u.updated}`).join(', ')}`,
    sample: sample ? { from: EMAIL_FROM, subject: sample.subject, text: sample.text_body, html: sample.html_body } : null,
  };
}

async function rawLevel({ level, root, smtp, message, loads }) {
  const messageFile = join(root, `raw-message-${level}.json`);
  writeFileSync(messageFile, JSON.stringify(message));
  const share = (k) => Math.floor(NOTIFICATIONS / level) + (k < NOTIFICATIONS % level ? 1 : 0);
  const senders = [];
  const done = [];
  for (let k = 0; k < level; k++) {
    senders.push(
      await startNode({
        name: `raw sender ${level}.${k + 1}`,
        args: [join(root, 'raw-sender.mjs'), smtp.url, messageFile, `${level}x${k}`, String(share(k)), String(CONCURRENCY), String(SMTP_POOL.maxConnections), String(SMTP_POOL.timeoutMs)],
        ready: /RAW_SENDER_READY/,
        logFile: join(root, `raw-sender-${level}-${k + 1}.log`),
        onLine: (line) => {
          if (line.startsWith('RAW_SENDER_DONE ')) done.push(JSON.parse(line.slice('RAW_SENDER_DONE '.length)));
        },
      }),
    );
  }
  const cpu = cpuMeter({ 'raw senders': () => senders.map((s) => s.pid), 'bench (SMTP server)': () => [process.pid] });
  const firstIndex = smtp.received.length;
  await sleep(1000);
  const before = loadMark(`raw ${level} sender(s): before`);
  const cpu0 = cpu.take();
  const start = Date.now();
  for (const s of senders) s.send('go');
  await pollUntil(() => done.length === level && smtp.received.length - firstIndex >= NOTIFICATIONS, { timeoutMs: MAX_SECONDS * 1000, everyMs: 50 });
  await sleep(1000);
  const after = loadMark(`raw ${level} sender(s): after`);
  loads.push({ phase: `raw nodemailer, ${level} sender${level > 1 ? 's' : ''}`, before, after });
  const cpuUse = cpu.report(cpu0);
  const arrived = smtp.received.slice(firstIndex).filter((m) => m.messageId.endsWith('@rawbench>'));
  const copies = new Map();
  for (const m of arrived) copies.set(m.messageId, (copies.get(m.messageId) ?? 0) + 1);
  const firstCopy = new Map();
  for (const m of arrived) if (!firstCopy.has(m.messageId)) firstCopy.set(m.messageId, m.at);
  const times = [...firstCopy.values()];
  for (const s of senders) await s.stop();
  return {
    level,
    side: 'raw',
    expected: NOTIFICATIONS,
    received: copies.size,
    lost: NOTIFICATIONS - copies.size,
    duplicates: [...copies.values()].reduce((s, n) => s + n - 1, 0),
    failures: done.reduce((s, d) => s + d.failures, 0),
    firstError: done.find((d) => d.firstError)?.firstError ?? null,
    rate: copies.size / ((Math.max(...times) - start) / 1000),
    latency: stats(times.map((t) => t - start)),
    cpu: cpuUse.text,
    perEmail: `per email: ${fmt((cpuUse.used['raw senders'] * 1000) / NOTIFICATIONS, 2)} ms sender CPU`,
  };
}

async function main() {
  const loadAtStart = os.loadavg(); // before any build of ours, so it shows what else is running
  const buildState = ensureBuilt({ [API_MAIN]: 'apps/api/src', [WORKER_MAIN]: 'apps/worker/src' });
  warnIfBusy(loadAtStart);
  const root = benchDir('firsthand-notify-');
  writeFileSync(join(root, 'raw-sender.mjs'), RAW_SENDER_SOURCE({ nodemailer: import.meta.resolve('nodemailer') }));
  const services = await startServices(root);
  const smtp = await startSmtpSink();
  const { db } = services;

  // --- migrations (the API runs them), the team, and one ticket opened, claimed and answered through the API to check the SQL shapes against
  log('starting the built API once (runs the migrations) ...');
  const api = await startApi({ databaseUrl: services.databaseUrl, redisUrl: services.redisUrl, secret: SECRET, logFile: join(root, 'api.log') });
  const teamId = (await db.query(`INSERT INTO teams (name, is_default) VALUES ('Bench', true) RETURNING id`)).rows[0].id;
  const agentSpecs = Array.from({ length: AGENTS }, (_, i) => ({ name: `Bench Agent ${i + 1}`, email: `agent${i + 1}@bench.firsthand.test`, role: 'agent' }));
  const agentIds = await insertAgents(db, { teamId, passwordHash: bcrypt.hashSync(PASSWORD, 4), agents: agentSpecs });
  const agents = agentSpecs.map((a, i) => ({ id: agentIds[i], name: a.name, email: a.email }));
  await logInAgents(api.port, [agents[0]], PASSWORD);
  const { token } = agents[0];
  const apiTicketId = (await openTicketViaApi(api.port, { customer: { name: 'Bench API Customer', email: 'api-customer@bench.firsthand.test' } })).id;
  await expectStatus(api.port, 'POST', `/api/tickets/${apiTicketId}/claim`, { token }, 200);
  await expectStatus(api.port, 'POST', `/api/tickets/${apiTicketId}/messages`, { token, json: { body: REPLY_BODY, visibility: 'public' } }, 201);
  await api.stop(); // only the worker (and the committed replies) touch the data from here on
  const takenCodes = new Set((await db.query('SELECT code FROM tickets')).rows.map((r) => r.code));
  const seed = { teamId, agents, takenCodes };
  {
    const [customerId] = await insertCustomers(db, ['shape-check@bench.firsthand.test']);
    const [t] = await insertTickets(db, [{ customerId, ...newTicketTimes() }], { teamId, takenCodes });
    await claimInSql(db, [{ ticketId: t.id, agentId: agents[0].id }], { cadenceSeconds: SLA_NORMAL_STANDARD.cadence });
    await commitReply(db, { id: t.id, seq: 2, ownerId: agents[0].id, ownerName: agents[0].name });
    await checkSameShape(db, apiTicketId, t.id, 'claimed and answered');
  }
  await db.query('VACUUM ANALYZE');

  const results = [];
  const loads = [];
  const notes = [];
  // Until a Firsthand run rendered one, the raw side sends a message of the same make-up.
  let message = { from: EMAIL_FROM, subject: 'Re: [FH-XXXXX] Bench ticket', text: `${REPLY_BODY}\n`.repeat(6), html: `<p>${REPLY_BODY}</p>`.repeat(12) };
  for (const level of LEVELS) {
    if (SIDES.includes('firsthand')) {
      const r = await firsthandLevel({ level, root, services, smtp, seed, loads, notes });
      if (r.sample) message = r.sample;
      results.push(r);
    }
    if (SIDES.includes('raw')) {
      await db.query('CHECKPOINT');
      results.push(await rawLevel({ level, root, smtp, message, loads }));
    }
  }

  // --- report
  console.log('');
  console.log(`Notification benchmark: ${NOTIFICATIONS} public agent replies committed in PostgreSQL -> real built worker(s) -> SMTP server, vs raw nodemailer (same pool settings) straight to the same SMTP server`);
  console.log(machineLine());
  console.log(`${services.describe}; bullmq ${packageVersion('bullmq')}, nodemailer ${packageVersion('nodemailer')}, smtp-server ${packageVersion('smtp-server')}`);
  console.log(`load average (1/5/15 min): ${fmtLoad(loadAtStart)} at start, ${fmtLoad()} at end (the benchmark itself adds about 2)`);
  for (const l of loads) console.log(`load average, ${l.phase}: ${fmtLoad(l.before)} before, ${fmtLoad(l.after)} after`);
  console.log(
    `dist: ${buildState}; worker NODE_ENV=production, WORKER_CONCURRENCY=${CONCURRENCY}, DATABASE_POOL_SIZE=10, SMTP pool ${SMTP_POOL.maxConnections} connections per process (SmtpEmailSender's), no SMS gateway, no webhook endpoints; ` +
      `replies committed by ${COMMIT_CONCURRENCY} concurrent transactions; latency = SMTP receipt (end of DATA) - commit (Firsthand) / - start of sending (raw), one clock`,
  );
  console.log('');
  const header = ['workers', 'emails', 'Firsthand msg/s', 'p50 ms', 'p99 ms', 'max ms', 'lost', 'dup', 'raw msg/s', 'raw p50 ms', 'raw p99 ms', 'raw max ms', 'Firsthand / raw'];
  const rows = LEVELS.map((level) => {
    const f = results.find((r) => r.level === level && r.side === 'firsthand');
    const r = results.find((x) => x.level === level && x.side === 'raw');
    const cell = (x, get) => (x ? get(x) : '-');
    return [
      String(level),
      String(NOTIFICATIONS),
      cell(f, (x) => fmt(x.rate, 0)),
      cell(f, (x) => fmt(x.latency.p50, 0)),
      cell(f, (x) => fmt(x.latency.p99, 0)),
      cell(f, (x) => fmt(x.latency.max, 0)),
      cell(f, (x) => String(x.lost)),
      cell(f, (x) => String(x.duplicates)),
      cell(r, (x) => fmt(x.rate, 0)),
      cell(r, (x) => fmt(x.latency.p50, 0)),
      cell(r, (x) => fmt(x.latency.p99, 0)),
      cell(r, (x) => fmt(x.latency.max, 0)),
      f && r ? `${((f.rate / r.rate) * 100).toFixed(0)}%` : '-',
    ];
  });
  printTable(header, rows);
  console.log('');
  for (const x of results) {
    if (x.side === 'firsthand') {
      console.log(
        `firsthand ${x.level}: warm-up (${NOTIFICATIONS} claim emails of the fresh tickets) settled in ${fmt(x.warmSeconds)} s; replies committed in ${fmt(x.commitSeconds, 2)} s (${fmt(x.commitRate, 0)}/s); ` +
          `${x.planned} notifications planned (${x.plannedOther} other than the customer's reply email), ${x.received} received, ${x.lost} lost, ${x.duplicates} duplicates, ${x.stray} stray, ` +
          `${x.sentNotReceived} marked sent but not received, ${x.extraAttempts} extra attempts`,
      );
    } else {
      console.log(`raw ${x.level}: ${x.received} received, ${x.lost} lost, ${x.duplicates} duplicates, ${x.failures} failed sends${x.firstError ? ` (first: ${x.firstError})` : ''}`);
    }
    console.log(`${x.side} ${x.level}: ${x.cpu}; ${x.perEmail}`);
  }
  for (const note of notes) console.log(`note: ${note}`);
  const bad = results.filter((r) => r.lost > 0 || r.duplicates > 0 || (r.stray ?? 0) > 0 || (r.failures ?? 0) > 0 || (r.eventsWithoutEmail ?? 0) > 0);
  if (bad.length > 0) throw new BenchError(`${bad.map((r) => `${r.side} at ${r.level}`).join(', ')}: lost, duplicate, stray or failed messages (see above)`);
  console.log('Every reply reached its customer exactly once on every run, and every raw message arrived once.');
}

await runBench(main);
