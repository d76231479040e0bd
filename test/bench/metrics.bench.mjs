#!/usr/bin/env node
// Supervisor metrics at scale: GET /api/metrics/fcr through the real built API over HTTP, beside a
// direct SQL query over ticket_events that computes the same answer, in the same run, on a fresh
// durable PostgreSQL holding a year of 1,000,000 resolved tickets with their timelines.
//
//   node test/bench/metrics.bench.mjs          (or: npm run bench:metrics)
//
// Knobs (environment):
//   BENCH_TICKETS=1000000    resolved tickets to generate (over the 365 days before now)
//   BENCH_CALLS=50           timed API calls per query and round, after BENCH_WARMUP=10 untimed ones
//   BENCH_ROUNDS=3           rounds of BENCH_CALLS calls per query (each round's p99 is reported)
//   BENCH_DIRECT_RUNS=3      runs of each direct SQL query (the median is reported)
//   BENCH_SAMPLE=2000        tickets re-judged by the project's recordOutcome from the stored events
//   BENCH_SEED=20260322      generator seed
//   BENCH_REBUILD=1          also run `npm run metrics:rebuild` over everything and check it changes nothing
//   BENCH_SKIP_BUILD=1       do not run `npm run build` even when dist is missing or older than sources
//   BENCH_KEEP_DIR=1         keep the temp directory (PostgreSQL data, Redis AOF, API log)
//   BENCH_CPU_PROF=<dir>     write a CPU profile of the API process there (node --cpu-prof)
//
// All network traffic goes to 127.0.0.1; every loop is bounded by a count and a deadline.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import bcrypt from 'bcryptjs';
import {
  API_MAIN,
  ROOT,
  apiEnv,
  benchDir,
  checkSameShape,
  ensureBuilt,
  envInt,
  fmtLoad,
  httpClient,
  log,
  machineLine,
  percentile,
  printTable,
  processCpuSeconds,
  runBench,
  startApi,
  startServices,
  warnIfBusy,
} from './lib/bench-kit.mjs';
import { copyInto } from './lib/pg-copy.mjs';
import { customersOf, helpdeskStaff, seededRandom, TicketHistoryGenerator } from './metrics-history.generator.mjs';

const DIST_METRICS = join(ROOT, 'dist/apps/api/libs/persistence/src/metrics');
const DIST_DOMAIN = join(ROOT, 'dist/apps/api/libs/domain/src/index.js');

const TICKETS = envInt('BENCH_TICKETS', 1_000_000, 1_000, 5_000_000);
const CALLS = envInt('BENCH_CALLS', 50, 5, 10_000);
const ROUNDS = envInt('BENCH_ROUNDS', 3, 1, 100);
const WARMUP = envInt('BENCH_WARMUP', 10, 0, 1_000);
const DIRECT_RUNS = envInt('BENCH_DIRECT_RUNS', 3, 1, 20);
const SAMPLE = envInt('BENCH_SAMPLE', 2000, 0, 100_000);
const SEED = envInt('BENCH_SEED', 20260322, 0, 2 ** 31 - 1);
const TEAMS = 12;
const AGENTS_PER_TEAM = 10;
const CUSTOMERS = Math.max(1000, Math.round(TICKETS * 0.15));
const BATCH = 10_000;
const OPEN_TICKETS = 300;
const PASSWORD = 'bench-password-0123';
const SECRET = 'metrics-bench-secret-0123456789abcdef';
const TIME_ZONE = 'Asia/Shanghai';
const WINDOWS = { reopenDays: 7, repeatContactDays: 7 };
/** The API's metrics settings (and metrics:rebuild's): the zone days are counted in, the reopen and repeat-contact windows. */
const METRICS_ENV = {
  FIRSTHAND_METRICS_TIME_ZONE: TIME_ZONE,
  FIRSTHAND_REOPEN_WINDOW_DAYS: String(WINDOWS.reopenDays),
  FIRSTHAND_REPEAT_CONTACT_WINDOW_DAYS: String(WINDOWS.repeatContactDays),
};
const DAY_MS = 86_400_000;

// One call at a time: a few keep-alive sockets, a minute per call at most.
const { expect: api } = httpClient({ maxSockets: 4, timeoutMs: 60_000 });

const seconds = (since) => ((performance.now() - since) / 1000).toFixed(1);

// ---------------------------------------------------------------------------------------------
// Loading: COPY ... FROM STDIN in PostgreSQL's text format, 10,000 tickets (about 80,000 events) a
// transaction. The loading session runs with session_replication_role = replica: the live_outbox
// trigger (which would queue every historical event for the live stream) and the foreign-key checks
// stay off for the bulk load; the generator keeps the references consistent itself.

const TICKET_COLUMNS = [
  'id', 'code', 'tracking_token_hash', 'subject', 'description', 'channel', 'kind', 'priority', 'tier', 'status', 'team_id', 'customer_id',
  'owner_id', 'first_responder_id', 'repeat_of_ticket_id', 'offered_to_id', 'created_at', 'first_response_at', 'last_customer_visible_update_at',
  'resolved_at', 'closed_at', 'first_response_due_at', 'resolution_due_at', 'escalation_level', 'reopen_count', 'transfer_count', 'csat_rating',
  'resolution', 'last_seq', 'updated_at',
];
const ticketValues = (t) => [
  t.id, t.code, t.trackingTokenHash, t.subject, t.description, t.channel, t.kind, t.priority, t.tier, t.status, t.teamId, t.customerId,
  t.ownerId, t.firstResponderId, t.repeatOfTicketId, t.offeredToId, t.createdAt, t.firstResponseAt, t.lastCustomerVisibleUpdateAt,
  t.resolvedAt, t.closedAt, t.firstResponseDueAt, t.resolutionDueAt, t.escalationLevel, t.reopenCount, t.transferCount, t.csatRating,
  t.resolution, t.lastSeq, t.updatedAt,
];
const EVENT_COLUMNS = ['ticket_id', 'seq', 'type', 'visibility', 'actor_type', 'actor_id', 'actor_name', 'payload', 'created_at'];
const eventValues = (e) => [e.ticketId, e.seq, e.type, e.visibility, e.actor.type, e.actor.id ?? null, e.actor.name ?? null, JSON.stringify(e.payload), e.createdAt];
// The columns TicketOutcomesTable.save writes, in its order.
const OUTCOME_COLUMNS = [
  'ticket_id', 'day', 'agent_id', 'team_id', 'channel', 'tier', 'resolved_at', 'resolved_by', 'first_responder_resolution', 'first_contact_resolution',
  'provisional', 'settles_at', 'reasons', 'public_agent_replies', 'reopen_count', 'repeat_contacts', 'handoffs', 'escalation_max_level',
  'first_response_ms', 'resolution_ms', 'first_response_breached', 'resolution_breached', 'csat_rating', 'outcome_seq', 'computed_at',
];
const outcomeValues = (r, computedAt) => [
  r.ticketId, r.day, r.agentId, r.teamId, r.channel, r.tier, r.resolvedAt, r.resolvedBy, r.firstResponderResolution, r.firstContactResolution,
  r.provisional, r.settlesAt, `{${r.reasons.join(',')}}`, r.publicAgentReplies, r.reopenCount, r.repeatContacts, r.handoffs,
  r.escalationMaxLevel, r.firstResponseMs, r.resolutionMs, r.firstResponseBreached, r.resolutionBreached, r.csatRating, r.outcomeSeq, computedAt,
];

/** SqlRunner's interface over a pg client, so the project's writers and recorders run on it unchanged. */
const sqlRunnerOn = (client) => ({
  rows: async (text, params = []) => (await client.query(text, params)).rows,
  one: async (text, params = []) => (await client.query(text, params)).rows[0] ?? null,
  write: async (text, params = []) => {
    const result = await client.query(text, params);
    return { rows: result.rows, affected: result.rowCount ?? 0 };
  },
});

// ---------------------------------------------------------------------------------------------
// The direct answer: the rules of docs/metrics.md as one SQL query over ticket_events. The last
// resolution in the range (none later); per ticket, the first response (first claim or agent
// reply), ownership moves after it, reopens, repeat contacts within the window, public replies,
// customer replies after the first one, the highest escalation level.

function directSql(groupBy) {
  const key = groupBy === 'agent' ? 'first_responder' : `to_char(day, 'IYYY-"W"IW')`;
  return `
    WITH counted AS (
      SELECT e.ticket_id, e.seq, e.created_at AS resolved_at, e.actor_id AS resolved_by, (e.created_at AT TIME ZONE $3)::date AS day
      FROM ticket_events e
      WHERE e.type = 'status_changed' AND e.payload->>'to' = 'resolved'
        AND e.created_at >= ($1::date::timestamp AT TIME ZONE $3) AND e.created_at < (($2::date + 1)::timestamp AT TIME ZONE $3)
        AND NOT EXISTS (SELECT 1 FROM ticket_events later WHERE later.ticket_id = e.ticket_id AND later.seq > e.seq
                          AND later.type = 'status_changed' AND later.payload->>'to' = 'resolved')
    ), timeline AS (
      SELECT c.ticket_id, c.day, c.resolved_by, c.resolved_at, e.seq, e.type, e.visibility, e.actor_id, e.payload, e.created_at,
        min(e.seq) FILTER (WHERE e.type = 'claimed' OR (e.type = 'agent_replied' AND e.actor_type = 'agent')) OVER w AS first_seq,
        min(e.seq) FILTER (WHERE e.type = 'agent_replied' AND e.visibility = 'public') OVER w AS first_reply_seq
      FROM counted c JOIN ticket_events e ON e.ticket_id = c.ticket_id
      WINDOW w AS (PARTITION BY e.ticket_id)
    ), per_ticket AS (
      SELECT ticket_id, day, resolved_by,
        max(CASE WHEN type = 'claimed' THEN payload->>'ownerId' ELSE actor_id::text END) FILTER (WHERE seq = first_seq) AS first_responder,
        count(*) FILTER (WHERE type IN ('handoff_accepted', 'reassigned') AND seq > first_seq) AS moves,
        count(*) FILTER (WHERE type = 'reopened') AS reopens,
        count(*) FILTER (WHERE type = 'repeat_contact' AND created_at <= resolved_at + make_interval(days => $4)) AS repeats,
        count(*) FILTER (WHERE type = 'agent_replied' AND visibility = 'public') AS replies,
        count(*) FILTER (WHERE type = 'customer_replied' AND seq > first_reply_seq) AS follow_ups,
        coalesce(max((payload->>'toLevel')::int) FILTER (WHERE type IN ('escalation_requested', 'sla_warning', 'sla_escalated')), 0) AS level
      FROM timeline GROUP BY ticket_id, day, resolved_by
    ), judged AS (
      SELECT *, (first_responder IS NOT NULL AND resolved_by::text = first_responder AND moves = 0 AND reopens = 0 AND repeats = 0) AS by_first_responder
      FROM per_ticket
    )
    SELECT ${key} AS key, count(*)::int AS resolved,
      count(*) FILTER (WHERE by_first_responder)::int AS first_responder_resolved,
      count(*) FILTER (WHERE by_first_responder AND replies <= 1 AND follow_ups = 0 AND level <= 1)::int AS first_contact_resolved
    FROM judged GROUP BY 1 ORDER BY 1`;
}

/** Warm-up calls, then ROUNDS x CALLS timed calls one at a time; the CPU the API process and its PostgreSQL connections spent on them. */
async function timeCalls(db, port, token, apiPid, path, label) {
  log(`${label}: ${WARMUP} warm-up + ${ROUNDS} x ${CALLS} timed calls of GET ${path} ...`);
  for (let i = 0; i < WARMUP; i++) await api(port, 'GET', path, { token }, 200);
  const backends = async () => (await db.query(`SELECT pid FROM pg_stat_activity WHERE application_name = 'firsthand-api'`)).rows.map((r) => r.pid);
  const cpuOf = (pids) => new Map([apiPid, ...pids].map((pid) => [pid, processCpuSeconds(pid)]));
  const before = cpuOf(await backends());
  const rounds = [];
  let answer = null;
  for (let round = 0; round < ROUNDS; round++) {
    const load = os.loadavg()[0];
    const latencies = [];
    for (let i = 0; i < CALLS; i++) {
      const t0 = performance.now();
      answer = await api(port, 'GET', path, { token }, 200);
      latencies.push(performance.now() - t0);
    }
    rounds.push({ load, latencies: latencies.sort((a, b) => a - b) });
  }
  const after = cpuOf([...before.keys()].filter((pid) => pid !== apiPid));
  // A pooled connection that closed meanwhile is left out (its last seconds are lost); /proc must exist.
  const spent = (pid) => (before.get(pid) === null || after.get(pid) === null ? null : after.get(pid) - before.get(pid));
  const pg = [...before.keys()].filter((pid) => pid !== apiPid && spent(pid) !== null).reduce((sum, pid) => sum + spent(pid), 0);
  const calls = ROUNDS * CALLS;
  return {
    answer,
    rounds,
    latencies: rounds.flatMap((r) => r.latencies).sort((a, b) => a - b),
    load: rounds[0].load,
    cpu: spent(apiPid) === null ? null : { api: (spent(apiPid) * 1000) / calls, pg: (pg * 1000) / calls },
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

/** Same groups, same counts, and rates that are the counts' shares. */
function compareAnswers(label, apiGroups, directRows) {
  const fromApi = apiGroups.filter((g) => g.resolved > 0).map((g) => ({
    key: g.key, resolved: g.resolved, first_responder_resolved: g.firstResponderResolved, first_contact_resolved: g.firstContactResolved,
  }));
  const a = JSON.stringify(fromApi.sort((x, y) => (x.key < y.key ? -1 : 1)));
  const d = JSON.stringify([...directRows].sort((x, y) => (x.key < y.key ? -1 : 1)));
  if (a !== d) throw new Error(`${label}: the API and the direct SQL disagree.\nAPI:    ${a.slice(0, 1500)}\ndirect: ${d.slice(0, 1500)}`);
  for (const g of apiGroups.filter((x) => x.resolved > 0)) {
    if (Math.abs(g.firstContactResolutionRate - g.firstContactResolved / g.resolved) > 1e-12 || Math.abs(g.firstResponderResolutionRate - g.firstResponderResolved / g.resolved) > 1e-12) {
      throw new Error(`${label}: group ${g.key} has rates that are not its counts' shares`);
    }
  }
  return fromApi.length;
}

async function main() {
  const loadAtStart = os.loadavg();
  const buildState = ensureBuilt({ [API_MAIN]: 'apps/api/src' });
  warnIfBusy(loadAtStart);
  const mapper = await import(pathToFileURL(join(DIST_METRICS, 'ticket-outcome.mapper.js')).href);
  const { applyRollupDeltas } = await import(pathToFileURL(join(DIST_METRICS, 'resolution-rollups.writer.js')).href);
  const { recordOutcome } = await import(pathToFileURL(join(DIST_METRICS, 'record-ticket-outcome.js')).href);
  const { dayKey } = await import(pathToFileURL(DIST_DOMAIN).href);

  const root = benchDir('firsthand-bench-');
  const services = await startServices(root, { poolSize: 4 });
  const { db } = services;
  const apiSettings = { databaseUrl: services.databaseUrl, redisUrl: services.redisUrl, secret: SECRET, env: METRICS_ENV };
  log('starting the built API (runs the migrations) ...');
  const cpuProfile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const apiProcess = await startApi({ ...apiSettings, logFile: join(root, 'api.log'), nodeArgs: cpuProfile, startSeconds: 120 });
  const port = apiProcess.port;

  // --- staff and customers
  const random = seededRandom(SEED);
  const staff = helpdeskStaff(random, { teams: TEAMS, agentsPerTeam: AGENTS_PER_TEAM });
  const customers = customersOf(random, CUSTOMERS);
  const hash = bcrypt.hashSync(PASSWORD, 4);
  const people = [...staff.agents, ...staff.supervisors];
  // The first team is the default one, where tickets opened without a team land.
  await db.query(`INSERT INTO teams (id, name, is_default) SELECT u.id, u.name, u.ord = 1 FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS u(id, name, ord)`, [
    staff.teams.map((t) => t.id),
    staff.teams.map((t) => t.name),
  ]);
  await db.query(
    `INSERT INTO agents (id, name, email, password_hash, role, team_id) SELECT u.id, u.name, u.email, $5, u.role, u.team_id
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $6::uuid[]) AS u(id, name, email, role, team_id)`,
    [people.map((a) => a.id), people.map((a) => a.name), people.map((a) => a.email), people.map((a) => a.role), hash, people.map((a) => a.teamId)],
  );
  await db.query(
    `INSERT INTO customers (id, name, email, tier, locale) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])`,
    [customers.map((c) => c.id), customers.map((c) => c.name), customers.map((c) => c.email), customers.map((c) => c.tier), customers.map((c) => c.locale)],
  );
  const supervisor = staff.supervisors[0];
  const { accessToken: token } = await api(port, 'POST', '/api/auth/login', { json: { email: supervisor.email, password: PASSWORD } }, 200);

  // --- a ticket made through the API, to check the generated rows have its shape
  const opened = await api(port, 'POST', '/api/tickets', { json: { subject: 'Charged twice', description: 'Two charges.', channel: 'web', kind: 'problem', customer: { name: 'Via API', email: 'via-api@bench.example.com' } } }, 201);
  const agentLogin = await api(port, 'POST', '/api/auth/login', { json: { email: staff.agents[0].email, password: PASSWORD } }, 200);
  await api(port, 'POST', `/api/tickets/${opened.id}/messages`, { token: agentLogin.accessToken, json: { body: 'Refunded.', visibility: 'public' } }, 201);
  await api(port, 'POST', `/api/tickets/${opened.id}/status`, { token: agentLogin.accessToken, json: { status: 'resolved', resolution: 'Fixed' } }, 200);

  // --- generate and load
  // The generator takes the policies in minutes; sla_policies holds seconds since the worker's migration.
  const slaPolicies = new Map(
    (await db.query(
      `SELECT priority, tier, first_response_seconds / 60.0::float8 AS first, update_cadence_seconds / 60.0::float8 AS cadence, resolution_seconds / 60.0::float8 AS resolution FROM sla_policies`,
    )).rows.map(
      (p) => [`${p.priority}|${p.tier}`, p],
    ),
  );
  const now = new Date();
  const from = new Date(now.getTime() - 365 * DAY_MS);
  const generator = new TicketHistoryGenerator({ seed: SEED, staff, customers, slaPolicies, from, to: now, count: TICKETS, windows: WINDOWS });
  const metricsSettings = { windows: WINDOWS, timeZone: TIME_ZONE };
  const rollups = new mapper.RollupDeltas();
  const loader = await db.connect();
  await loader.query(`SET session_replication_role = replica`);
  log(`generating and loading ${TICKETS.toLocaleString('en')} resolved tickets with their timelines (${TEAMS} teams, ${staff.agents.length} agents, ${CUSTOMERS.toLocaleString('en')} customers) ...`);
  const loadStarted = performance.now();
  let tickets = 0;
  let events = 0;
  let outcomes = 0;
  let inFlight = Promise.resolve();
  let shapeSample = null;
  let genMs = 0;
  let copyMs = 0;
  for (const batch of generator.batches(BATCH)) {
    const g0 = performance.now();
    const records = [];
    for (const t of batch) {
      const record = mapper.outcomeRecordOf(t, t.events, now, metricsSettings);
      if (!record) throw new Error(`generated ticket ${t.id} has no resolution`);
      records.push(record);
      rollups.add(record, mapper.contributionOf(record));
      if (!shapeSample && t.status === 'resolved' && t.csatRating === null && !t.repeatOfTicketId && t.events.map((e) => e.type).join() === 'created,claimed,agent_replied,status_changed') {
        shapeSample = t.id;
      }
    }
    const allEvents = batch.flatMap((t) => t.events);
    genMs += performance.now() - g0;
    await inFlight;
    inFlight = (async () => {
      const c0 = performance.now();
      await loader.query('BEGIN');
      await copyInto(loader, 'tickets', TICKET_COLUMNS, batch, ticketValues);
      await copyInto(loader, 'ticket_events', EVENT_COLUMNS, allEvents, eventValues);
      await copyInto(loader, 'ticket_outcomes', OUTCOME_COLUMNS, records, (r) => outcomeValues(r, now));
      await loader.query('COMMIT');
      copyMs += performance.now() - c0;
    })();
    tickets += batch.length;
    events += allEvents.length;
    outcomes += records.length;
    if (tickets % 100_000 < BATCH) log(`  ${tickets.toLocaleString('en')} tickets, ${events.toLocaleString('en')} events (${seconds(loadStarted)} s)`);
  }
  await inFlight;
  const rollupRows = rollups.list();
  log(`writing ${rollupRows.length.toLocaleString('en')} rollup rows with the project's applyRollupDeltas ...`);
  const r0 = performance.now();
  await loader.query('BEGIN');
  await applyRollupDeltas(sqlRunnerOn(loader), rollupRows);
  await loader.query('COMMIT');
  await loader.query(`RESET session_replication_role`);
  loader.release();
  const loadSeconds = seconds(loadStarted);
  log(`loaded in ${loadSeconds} s: generating and classifying ${(genMs / 1000).toFixed(1)} s, COPY ${(copyMs / 1000).toFixed(1)} s (the two overlap), rollups ${seconds(r0)} s; VACUUM ANALYZE ...`);
  await db.query('VACUUM ANALYZE');
  await db.query('CHECKPOINT');

  // --- checks: the generated rows look like the API's; a sample re-judged from the stored events by the project's own code
  if (!shapeSample) throw new Error('no generated one-reply ticket to compare with');
  await checkSameShape(db, opened.id, shapeSample, 'generated one-reply', asResolvedHistory);
  const sampleIds = (await db.query(`SELECT ticket_id FROM ticket_outcomes TABLESAMPLE BERNOULLI (1) REPEATABLE (42) LIMIT $1`, [SAMPLE])).rows.map((r) => r.ticket_id);
  const checker = await db.connect();
  try {
    await checker.query('BEGIN');
    for (const id of sampleIds) {
      const { before, after } = await recordOutcome(sqlRunnerOn(checker), id, now, metricsSettings, true);
      if (JSON.stringify(canonical(before)) !== JSON.stringify(canonical(after))) {
        throw new Error(`ticket ${id}: stored outcome differs from recordOutcome's\nstored:   ${JSON.stringify(canonical(before))}\nrecorded: ${JSON.stringify(canonical(after))}`);
      }
    }
  } finally {
    await checker.query('ROLLBACK');
    checker.release();
  }
  log(`${sampleIds.length} sampled tickets re-judged from their stored events by recordOutcome: identical outcomes (so no rollup delta)`);

  const today = dayKey(now, TIME_ZONE);
  const localDay = (offsetDays) => dayKey(new Date(now.getTime() + offsetDays * DAY_MS), TIME_ZONE);
  const queries = [
    { label: '30 days by agent', from: localDay(-29), to: today, groupBy: 'agent' },
    { label: '365 days by week', from: localDay(-364), to: today, groupBy: 'week' },
  ];

  // --- measure
  const results = [];
  for (const q of queries) {
    const path = `/api/metrics/fcr?from=${q.from}&to=${q.to}&groupBy=${q.groupBy}`;
    const timed = await timeCalls(db, port, token, apiProcess.pid, path, q.label);
    log(`${q.label}: the direct SQL over ticket_events, ${DIRECT_RUNS} run(s) ...`);
    const directTimes = [];
    let directRows = null;
    for (let i = 0; i < DIRECT_RUNS; i++) {
      const t0 = performance.now();
      directRows = (await db.query(directSql(q.groupBy), [q.from, q.to, TIME_ZONE, WINDOWS.repeatContactDays])).rows;
      directTimes.push(performance.now() - t0);
    }
    const groups = compareAnswers(q.label, timed.answer.groups, directRows);
    results.push({ ...q, ...timed, groups, resolved: timed.answer.total.resolved, direct: median(directTimes) });
  }

  // --- the live figures (what each metrics.changed push reads), with an open queue made through the API
  log(`opening ${OPEN_TICKETS} tickets through the API (a third claimed) for the live queue ...`);
  for (let i = 0; i < OPEN_TICKETS; i++) {
    const t = await api(port, 'POST', '/api/tickets', { json: { subject: `Still open ${i}`, description: 'Waiting.', channel: 'chat', customer: { name: `Open ${i}`, email: `open${i}@bench.example.com` } } }, 201);
    if (i % 3 === 0) await api(port, 'POST', `/api/tickets/${t.id}/claim`, { token: agentLogin.accessToken }, 200);
  }
  const liveTimed = await timeCalls(db, port, token, apiProcess.pid, '/api/metrics/live', 'live');
  const live = liveTimed.answer;
  const t0 = performance.now();
  const todayDirect = (await db.query(directSql('agent'), [live.today.day, live.today.day, TIME_ZONE, WINDOWS.repeatContactDays])).rows;
  const todayMs = performance.now() - t0;
  const sum = (k) => todayDirect.reduce((n, r) => n + r[k], 0);
  const todayExpected = { resolved: sum('resolved'), firstResponderResolved: sum('first_responder_resolved'), firstContactResolved: sum('first_contact_resolved') };
  const todayLive = { resolved: live.today.resolved, firstResponderResolved: live.today.firstResponderResolved, firstContactResolved: live.today.firstContactResolved };
  if (JSON.stringify(todayLive) !== JSON.stringify(todayExpected)) throw new Error(`live today ${JSON.stringify(todayLive)} differs from the direct SQL ${JSON.stringify(todayExpected)}`);
  if (live.open.total !== OPEN_TICKETS) throw new Error(`live open ${live.open.total}, expected ${OPEN_TICKETS}`);
  results.push({ label: 'live (today, queue, load)', ...liveTimed, groups: live.agents.length, resolved: live.today.resolved, direct: todayMs, directNote: 'today only' });

  let rebuild = null;
  if (process.env.BENCH_REBUILD === '1') {
    // Everything but the provisional counts, which move with the clock (outcomes whose windows closed meanwhile settle).
    const snapshot = `SELECT md5(string_agg(r::text, ',' ORDER BY day, agent_id, team_id, channel, tier)) AS h,
        (SELECT sum(provisional) FROM resolution_rollups) AS provisional, (SELECT count(*) FROM resolution_group_rollups) AS groups
      FROM (SELECT day, agent_id, team_id, channel, tier, resolved, first_responder_resolved, first_contact_resolved, reopened,
        repeat_contacts, handoffs, escalated, first_response_breaches, resolution_breaches, sla_breached, csat_sum, csat_count,
        first_response_hist, resolution_hist FROM resolution_rollups) r`;
    const before = (await db.query(snapshot)).rows[0];
    log('npm run metrics:rebuild over everything ...');
    const t0 = performance.now();
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts/metrics-rebuild.mjs')], { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...apiEnv(apiSettings) }, encoding: 'utf8', timeout: 3_600_000 });
    if (run.status !== 0) throw new Error(`metrics:rebuild exited ${run.status}: ${run.stderr}`);
    const after = (await db.query(snapshot)).rows[0];
    rebuild = { seconds: (performance.now() - t0) / 1000, same: before.h === after.h && before.groups === after.groups, before, after, output: run.stdout.trim() };
    if (!rebuild.same) throw new Error(`metrics:rebuild changed the rollups: ${JSON.stringify({ before, after })}`);
  }

  // --- report
  const sizes = (await db.query(
    `SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) AS size, reltuples::bigint AS rows FROM pg_class
     WHERE relname IN ('tickets', 'ticket_events', 'ticket_outcomes', 'resolution_rollups', 'resolution_rollups_by_group') ORDER BY relname`,
  )).rows;
  const total = results[0].answer.total;
  console.log('');
  console.log('Metrics benchmark: GET /api/metrics/fcr (real built API process, HTTP keep-alive) vs a direct SQL query over ticket_events');
  console.log(machineLine());
  console.log(services.describe);
  console.log(`load average (1/5/15 min): ${fmtLoad(loadAtStart)} at start, ${fmtLoad()} at end`);
  console.log(`dist: ${buildState}; API NODE_ENV=production LOG_LEVEL=warn; zone ${TIME_ZONE}, windows ${WINDOWS.reopenDays}/${WINDOWS.repeatContactDays} days; client, API and PostgreSQL share this machine`);
  console.log(`data: ${tickets.toLocaleString('en')} resolved tickets, ${events.toLocaleString('en')} events (${(events / tickets).toFixed(1)} per ticket), ${outcomes.toLocaleString('en')} outcomes, ${rollupRows.length.toLocaleString('en')} day x agent x team x channel x tier rollup rows; generated and loaded in ${loadSeconds} s`);
  console.log(`      ${sizes.map((s) => `${s.relname} ${s.size}`).join(', ')}`);
  const rate = (x) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
  console.log(`mix over the last 30 days: first-responder ${rate(total.firstResponderResolutionRate)}, first-contact ${rate(total.firstContactResolutionRate)}, reopened ${total.reopened}, repeat contacts ${total.repeatContacts}, handoffs ${total.handoffs}, escalated ${total.escalatedPastWarning}, SLA attainment ${rate(total.slaAttainment?.overall ?? null)}, CSAT ${total.csatAverage?.toFixed(2)} (${total.csatCount}), provisional ${total.provisional}`);
  console.log('');
  const header = ['query', 'groups', 'resolved', 'API p50 ms', 'API p99 ms', 'API max ms', 'direct SQL ms', 'direct / API p50', 'CPU ms/call API + PG', 'load (1 min)'];
  const rows = results.map((r) => [
    r.label,
    String(r.groups),
    r.resolved.toLocaleString('en'),
    percentile(r.latencies, 0.5).toFixed(2),
    percentile(r.latencies, 0.99).toFixed(2),
    r.latencies[r.latencies.length - 1].toFixed(2),
    r.directNote ? `${r.direct.toFixed(0)} (${r.directNote})` : r.direct.toFixed(0),
    r.directNote ? '-' : `${(r.direct / percentile(r.latencies, 0.5)).toFixed(0)}x`,
    r.cpu ? `${r.cpu.api.toFixed(1)} + ${r.cpu.pg.toFixed(1)}` : 'n/a',
    r.load.toFixed(2),
  ]);
  printTable(header, rows);
  console.log(`Per query ${WARMUP} warm-up calls, then ${ROUNDS} round(s) of ${CALLS} timed calls one at a time (p99 of ${CALLS} is its ${Math.ceil(0.99 * CALLS)}th fastest); API columns over all ${ROUNDS * CALLS}; direct SQL: median of ${DIRECT_RUNS} run(s).`);
  if (ROUNDS > 1) {
    console.log(`Per round of ${CALLS}, p50 / p99 ms (load average):`);
    for (const r of results) console.log(`  ${r.label}: ${r.rounds.map((x) => `${percentile(x.latencies, 0.5).toFixed(1)} / ${percentile(x.latencies, 0.99).toFixed(1)} (${x.load.toFixed(2)})`).join(', ')}`);
  }
  console.log('CPU ms/call: user + system time of the API process and of its PostgreSQL connections during the timed calls, divided by the calls.');
  const fcr = results.filter((r) => !r.directNote);
  const rounds = fcr.flatMap((r) => r.rounds);
  const met = rounds.filter((x) => percentile(x.latencies, 0.99) < 50).length;
  console.log(`Target p99 < 50 ms through the API (per round of ${CALLS} calls) for the two /fcr queries: ${met === rounds.length ? 'met' : 'MISSED'} in ${met} of ${rounds.length} rounds.`);
  console.log('The API answer and the direct SQL agree on every group: resolved, first-responder and first-contact counts (and the rates are their shares).');
  console.log(`live: groups = agents listed; ${OPEN_TICKETS} open tickets made through the API; its direct SQL computes today's counts only, and they agree.`);
  if (rebuild) {
    console.log(
      `metrics:rebuild over all ${tickets.toLocaleString('en')} tickets: ${rebuild.seconds.toFixed(0)} s; every rollup count the same ` +
        `(provisional, which moves with the clock: ${rebuild.before.provisional} before, ${rebuild.after.provisional} after). ${rebuild.output}`,
    );
  }
}

/** A TicketOutcomeRecord with dates as times, keys sorted, for comparing stored and recomputed ones. */
function canonical(record) {
  if (!record) return null;
  return Object.fromEntries(Object.keys(record).sort().map((k) => [k, record[k] instanceof Date ? record[k].getTime() : record[k]]));
}

/** A generated history against the API's ticket: no next-update promise (set for a live ticket) and no messages rows (the payloads carry the bodies), so the columns set and the events' type, visibility, actor kind and payload keys. */
const asResolvedHistory = ({ nulls, events }) => ({ nulls: nulls.filter((c) => !c.startsWith('next_update_due_at:')), events: events.map(({ seq, ...e }) => e) });

await runBench(main);
