#!/usr/bin/env node
// Email intake end to end: mails APPENDed to a real Dovecot mailbox are taken by the real built
// worker (IMAP poller -> TakeInboundMail -> ticket opened or continued, attachments stored, the mail
// recorded in inbound_mails, moved to Firsthand/Taken), against a raw baseline in the same run:
// plain imapflow fetching and mailparser parsing the same mails from a second mailbox, no database.
// Then a crash phase: the worker is killed with SIGKILL in the middle of a burst and started again;
// every mail must still be taken exactly once.
//
//   node test/bench/inbound.bench.mjs          (or: npm run bench:inbound)
//
// Knobs (environment):
//   BENCH_MAILS=2000               measured mails (the same ones for both sides)
//   BENCH_WARMUP_TICKETS=200       tickets opened by mail first (not measured); the plus-address replies go to them
//   BENCH_WARMUP_MAILS=3000        then mails of the measured mix (not measured), to each side alike: after the tickets
//                                  alone, JIT compiling was 27% of the worker's CPU in the measured phase (perf, 2026-12-06);
//                                  0 = the tickets only, as before that day
//   BENCH_REPLY_PERCENT=25         measured mails that answer (In-Reply-To) a mail that opened a ticket earlier in the run
//   BENCH_PLUS_PERCENT=15          measured mails to support+<code>@ of a warm-up ticket
//   BENCH_ATTACH_PERCENT=20        mails with a small PNG attached
//   BENCH_APPEND_CONCURRENCY=4     IMAP connections APPENDing at once
//   BENCH_MAX_SECONDS=600          cap for a phase's mails to become visible
//   BENCH_CRASH_MAILS=600          mails of the crash phase (0 = no crash phase)
//   BENCH_CRASH_AT_PERCENT=40      SIGKILL the worker once this share of them is recorded
//   BENCH_CRASH_MAX_SECONDS=300    cap for the crash phase: a claim the dead worker held is released after 120 s unchanged (the default)
//   BENCH_SIDES=firsthand,raw
//   BENCH_ROUNDS=2                 rounds of BENCH_MAILS a side (1, 2 or 4); with both sides, in pairs that run raw first and
//                                  last (raw, Firsthand, Firsthand, raw), so that a machine slowing down or speeding up weighs
//                                  on both alike; one round runs Firsthand, then raw
//   BENCH_SKIP_BUILD=1, BENCH_KEEP_DIR=1, BENCH_WORKER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof")
//
// All network traffic goes to 127.0.0.1; every loop is bounded by a count and a deadline.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { ImapFlow } from 'imapflow';
import { Redis } from 'ioredis';
import nodemailer from 'nodemailer';
import {
  API_MAIN,
  BenchError,
  WORKER_MAIN,
  benchDir,
  committedTransactions,
  cpuMeter,
  ensureBuilt,
  envInt,
  envSides,
  fmt,
  fmtLoad,
  loadMark,
  log,
  machineLine,
  onCleanup,
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
  untilQuiet,
  warnIfBusy,
} from './lib/bench-kit.mjs';
import { startDovecot } from './lib/dovecot.mjs';

const MAILS = envInt('BENCH_MAILS', 2000, 20, 50_000);
const WARMUP_TICKETS = envInt('BENCH_WARMUP_TICKETS', 200, 10, 5000);
// At most 10,000 and 4 rounds: each plus-address mail goes to one of the 200 warm-up tickets' customers, and more would pass the worker's 30 mails a sender an hour.
const WARMUP_MAILS = envInt('BENCH_WARMUP_MAILS', 3000, 0, 10_000);
const REPLY_PERCENT = envInt('BENCH_REPLY_PERCENT', 25, 0, 90);
const PLUS_PERCENT = envInt('BENCH_PLUS_PERCENT', 15, 0, 90);
const ATTACH_PERCENT = envInt('BENCH_ATTACH_PERCENT', 20, 0, 100);
const APPENDERS = envInt('BENCH_APPEND_CONCURRENCY', 4, 1, 32);
const MAX_SECONDS = envInt('BENCH_MAX_SECONDS', 600, 10, 3600);
const CRASH_MAILS = envInt('BENCH_CRASH_MAILS', 600, 0, 50_000);
const CRASH_AT_PERCENT = envInt('BENCH_CRASH_AT_PERCENT', 40, 1, 95);
const CRASH_MAX_SECONDS = envInt('BENCH_CRASH_MAX_SECONDS', 300, 10, 3600);
const SIDES = envSides('firsthand,raw');
const ROUNDS = envInt('BENCH_ROUNDS', 2, 1, 4);
if (ROUNDS === 3) throw new BenchError('BENCH_ROUNDS must be 1, 2 or 4: rounds go in pairs, raw first and last in each');
if (REPLY_PERCENT + PLUS_PERCENT > 90) throw new BenchError('BENCH_REPLY_PERCENT + BENCH_PLUS_PERCENT must not exceed 90');

const SECRET = randomBytes(32).toString('hex');
const RUN = randomBytes(3).toString('hex');
const DOMAIN = 'bench.firsthand.test';
const SUPPORT = `support@${DOMAIN}`;
const MAILBOX = 'INBOX';
const RAW_MAILBOX = 'Raw';
const TAKEN_FOLDER = 'Firsthand/Taken';
const QUARANTINE_FOLDER = 'Firsthand/Quarantine';
const POLL_EVERY_SECONDS = 5;
// Every 100 ms: at 25 ms the bench's own polling (a scan of inbound_mails against every mail not yet
// seen) took about 6% of PostgreSQL's CPU in a Firsthand phase, charged to Firsthand; the latencies
// measured are seconds, so 100 ms is fine grain enough.
const VISIBLE_POLL_MS = 100;

// ---------------------------------------------------------------------------------------------
// The mails

/** A deterministic generator (mulberry32), so two runs send the same mix. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A real 48x32 PNG (a screenshot stand-in, about 200 bytes): what the attachment sniffing sees as image/png. */
function screenshotPng() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const [w, h] = [48, 32];
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.concat(Array.from({ length: h }, (_, y) => Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w * 3 }, (_, x) => (x * 5 + y * 7) & 0xff))])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const ENGLISH = [
  ['Printer says PC LOAD LETTER', 'Hello,\n\nour office printer keeps saying PC LOAD LETTER although the tray is full. We tried restarting it twice.\n\nThanks,\n'],
  ['Charged twice for order', 'Hi,\n\nI was charged twice for the same order this morning. Could you refund one of the payments?\n\nBest regards,\n'],
  ['Cannot log in after password reset', 'Hello support,\n\nafter resetting my password the login page still says the password is wrong. I attached what I see.\n\n'],
];
const CHINESE = [
  ['打印机一直显示缺纸', '您好：\n\n我们办公室的打印机一直提示缺纸，但纸盒是满的，已经重启过两次了。\n\n谢谢！\n'],
  ['同一笔订单被扣款两次', '你好，\n\n今天上午同一笔订单被扣了两次钱，麻烦退回其中一笔。\n\n祝好\n'],
  ['重置密码后无法登录', '客服您好：\n\n重置密码以后登录页面还是提示密码错误，截图见附件。\n\n'],
];
const ENGLISH_NAMES = ['Alice Walker', 'Bob Stone', 'Carol Diaz', 'Dan Miller'];
const CHINESE_NAMES = ['王小明', '李娜', '张伟', '陈静'];

/**
 * Plans `count` mails tagged `tag`: new issues, answers to a mail that opened a ticket earlier in
 * the same plan (In-Reply-To and References, from that mail's sender; `parent` is its index) and
 * mails to a warm-up ticket's plus-address from its customer (`answers: false`: new issues only).
 * Every third mail is in Chinese.
 */
function planMails(tag, count, { warm = [], seed, answers = true }) {
  const rand = random(seed);
  const mails = [];
  const opening = [];
  for (let i = 0; i < count; i++) {
    const chinese = i % 3 === 0;
    const [subject, text] = (chinese ? CHINESE : ENGLISH)[i % 3 === 0 ? Math.floor(rand() * 3) : i % 3];
    const r = rand() * 100;
    const messageId = `${tag}-${i}.${RUN}@${DOMAIN}`;
    const attach = rand() * 100 < ATTACH_PERCENT;
    const base = { index: i, messageId, attach, chinese };
    if (answers && r < REPLY_PERCENT && opening.length > 0) {
      const parent = mails[opening[Math.floor(rand() * opening.length)]];
      mails.push({ ...base, kind: 'reply', parent: parent.index, from: parent.from, fromName: parent.fromName, to: SUPPORT, subject: `${chinese ? '回复：' : 'Re: '}${parent.subject}`, text: chinese ? '补充一下：问题还在，今天又出现了。\n' : 'One more thing: it happened again today.\n', inReplyTo: parent.messageId });
    } else if (r < REPLY_PERCENT + PLUS_PERCENT && warm.length > 0) {
      const ticket = warm[Math.floor(rand() * warm.length)];
      mails.push({ ...base, kind: 'plus', ticketCode: ticket.code, from: ticket.email, fromName: ticket.name, to: `support+${ticket.code.toLowerCase()}@${DOMAIN}`, subject: `Re: [${ticket.code}] ${ticket.subject}`, text: chinese ? '还是不行，请再看看。\n' : 'Still not working, could you look again?\n' });
    } else {
      const fromName = (chinese ? CHINESE_NAMES : ENGLISH_NAMES)[i % 4];
      opening.push(mails.length);
      mails.push({ ...base, kind: 'new', from: `${tag}-c${i}.${RUN}@customers.${DOMAIN}`, fromName, to: SUPPORT, subject: `${subject} #${tag}${i}`, text: `${text}${fromName}\n` });
    }
  }
  return mails;
}

const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
const PNG = screenshotPng();

/** The mail's bytes as a mail program writes them (nodemailer's MIME builder). */
async function rawOf(mail) {
  const info = await composer.sendMail({
    from: { name: mail.fromName, address: mail.from },
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: `<${mail.messageId}>`,
    date: new Date(),
    ...(mail.inReplyTo ? { inReplyTo: `<${mail.inReplyTo}>`, references: [`<${mail.inReplyTo}>`] } : {}),
    headers: { 'X-Bench-Mail': mail.messageId },
    attachments: mail.attach ? [{ filename: mail.chinese ? '截图.png' : 'screenshot.png', content: PNG, contentType: 'image/png' }] : [],
  });
  return info.message;
}

// ---------------------------------------------------------------------------------------------
// IMAP

async function imapClient(dovecot) {
  const client = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false, disableAutoIdle: true });
  // An idle connection times out after 5 minutes (the crash phase waits longer): reported by the next command, not thrown.
  client.on('error', () => undefined);
  await client.connect();
  onCleanup('IMAP client', () => client.logout().catch(() => client.close()));
  return client;
}

/** `work` on a fresh connection, logged out after. */
async function withImap(dovecot, work) {
  const client = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false, disableAutoIdle: true });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/**
 * APPENDs the mails in plan order over `clients` (one mail in flight per connection); an answer
 * waits until the mail it answers is in the mailbox, so it gets the higher UID. Answers the time
 * each APPEND returned (the mail is in the mailbox from then on).
 */
async function appendAll(clients, mailbox, mails, raws) {
  const appended = new Array(mails.length);
  const done = mails.map(() => {
    let resolve;
    const promise = new Promise((r) => (resolve = r));
    return { promise, resolve };
  });
  let next = 0;
  await Promise.all(
    clients.map(async (client) => {
      while (next < mails.length) {
        const i = next++;
        if (mails[i].parent !== undefined) await done[mails[i].parent].promise;
        const result = await client.append(mailbox, raws[i]);
        if (!result) throw new Error(`APPEND of ${mails[i].messageId} to ${mailbox} failed`);
        appended[i] = Date.now();
        done[i].resolve();
      }
    }),
  );
  return appended;
}

async function mailboxCounts(client, folders) {
  const counts = {};
  for (const folder of folders) counts[folder] = (await client.status(folder, { messages: true }).catch(() => ({ messages: 0 }))).messages;
  return counts;
}

// ---------------------------------------------------------------------------------------------
// What the worker recorded

/** Polls inbound_mails for the rows written since a horizon; `seen` maps each wanted id -> the first time its row was visible. */
function visibilityWatch(db, ids) {
  const seen = new Map();
  const wanted = new Set(ids);
  let stopped = false;
  const running = (async () => {
    // Each poll reads only the rows of transactions that started after the horizon, a moment before
    // which every transaction had ended by the previous poll (the oldest one open then, 1 s earlier
    // still): a scan of inbound_mails (no index on received_at) that returns few rows, where it
    // used to send every id still missing (2,000 at first) on every poll. The bench process's CPU
    // in a phase (APPENDs, the SMTP sink, this polling) did not measurably change: 2.4-3.1 s in
    // one-round phases of 2,000 mails both ways (2026-12-06).
    let horizon = (await db.query(`SELECT clock_timestamp() - interval '1 second' AS at`)).rows[0].at;
    while (!stopped && seen.size < wanted.size) {
      const next = (
        await db.query(
          `SELECT least(clock_timestamp(), (SELECT min(xact_start) FROM pg_stat_activity WHERE xact_start IS NOT NULL AND pid <> pg_backend_pid())) - interval '1 second' AS at`,
        )
      ).rows[0].at;
      const { rows } = await db.query('SELECT message_id FROM inbound_mails WHERE received_at >= $1', [horizon]);
      const at = Date.now();
      for (const r of rows) if (wanted.has(r.message_id) && !seen.has(r.message_id)) seen.set(r.message_id, at);
      horizon = next;
      await sleep(VISIBLE_POLL_MS);
    }
  })();
  return { seen, stop: async () => ((stopped = true), await running) };
}

/**
 * Exactly once, per planned mail: its inbound_mails rows (lost: none, doubled: more than one), a
 * ticket change for it (opened: the ticket and its one `created` event; continued: one
 * `customer_replied` event and one message naming it) and the ticket it should be on (an answer on
 * its parent's ticket, a plus-address mail on that ticket), and its PNG stored on that change.
 */
async function verify(db, mails) {
  const ids = mails.map((m) => m.messageId);
  const { rows } = await db.query(
    `SELECT im.message_id, im.outcome, im.reason, im.ticket_id, im.received_at, t.code,
       (SELECT count(*)::int FROM ticket_events e WHERE e.ticket_id = im.ticket_id AND im.outcome = 'opened' AND e.type = 'created') AS created_events,
       (SELECT count(*)::int FROM ticket_events e WHERE e.ticket_id = im.ticket_id AND im.outcome = 'continued' AND e.type = 'customer_replied' AND e.payload->>'messageId' = im.message_ref::text) AS reply_events,
       (SELECT count(*)::int FROM messages m WHERE im.message_ref IS NOT NULL AND m.id = im.message_ref) AS messages,
       (SELECT count(*)::int FROM attachments a WHERE a.ticket_id = im.ticket_id
          AND CASE WHEN im.outcome = 'opened' THEN a.message_id IS NULL ELSE a.message_id = im.message_ref END) AS files
     FROM inbound_mails im LEFT JOIN tickets t ON t.id = im.ticket_id WHERE im.message_id = ANY($1::text[])`,
    [ids],
  );
  const byId = new Map();
  for (const r of rows) byId.set(r.message_id, [...(byId.get(r.message_id) ?? []), r]);
  let lost = 0;
  let doubled = 0;
  let notTicketed = 0;
  let badEvents = 0;
  let misthreaded = 0;
  let wrongFiles = 0;
  const reasons = new Map();
  const ticketOf = new Map();
  for (const m of mails) {
    const found = byId.get(m.messageId) ?? [];
    if (found.length === 0) {
      lost++;
      continue;
    }
    if (found.length > 1) doubled += found.length - 1;
    const r = found[0];
    ticketOf.set(m.messageId, r.ticket_id);
    if (r.outcome !== 'opened' && r.outcome !== 'continued') {
      notTicketed++;
      reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
      continue;
    }
    if (r.outcome === 'opened' ? r.created_events !== 1 : r.reply_events !== 1 || r.messages !== 1) badEvents++;
    if (r.files !== (m.attach ? 1 : 0)) wrongFiles++;
    const expected = m.kind === 'new' ? 'opened' : 'continued';
    const expectedTicket = m.kind === 'reply' ? ticketOf.get(mails[m.parent].messageId) : null;
    if (r.outcome !== expected || (m.kind === 'reply' && r.ticket_id !== expectedTicket) || (m.kind === 'plus' && r.code !== m.ticketCode)) misthreaded++;
  }
  return { lost, doubled, notTicketed, badEvents, misthreaded, wrongFiles, reasons: [...reasons].map(([k, v]) => `${v} x ${k}`).join('; '), rows: byId };
}

// ---------------------------------------------------------------------------------------------
// Phases

function workerEnv({ root, dovecot }) {
  return {
    IMAP_MAILBOXES: JSON.stringify([{ name: 'bench', url: dovecot.url(MAILBOX), takenFolder: TAKEN_FOLDER, quarantineFolder: QUARANTINE_FOLDER, pollEverySeconds: POLL_EVERY_SECONDS }]),
    MAIL_SUPPORT_ADDRESS: SUPPORT,
    NOTIFY_EMAIL_FROM: `Firsthand Support <${SUPPORT}>`,
    FIRSTHAND_ATTACHMENTS_DIR: join(root, 'attachments'),
  };
}

async function startBenchWorker(name, { root, services, smtp, dovecot, prefix }) {
  return startWorker({
    name,
    logFile: join(root, `${name.replace(/\W+/g, '-')}.log`),
    databaseUrl: services.databaseUrl,
    redisUrl: services.redisUrl,
    secret: SECRET,
    prefix,
    smtpUrl: smtp.url,
    concurrency: 8,
    env: workerEnv({ root, dovecot }),
  });
}

/** Appends a plan to the worker's mailbox and waits until every mail's row is visible. */
async function appendAndWait({ db, appenders, mails, raws, what, maxSeconds }) {
  const watch = visibilityWatch(db, mails.map((m) => m.messageId));
  const start = Date.now();
  const appended = await appendAll(appenders, MAILBOX, mails, raws);
  const appendSeconds = (Date.now() - start) / 1000;
  await pollUntil(() => watch.seen.size >= mails.length, { timeoutMs: maxSeconds * 1000, everyMs: 100 });
  await watch.stop();
  if (watch.seen.size < mails.length) log(`${what}: only ${watch.seen.size} of ${mails.length} mails recorded within ${maxSeconds} s`);
  return { start, appended, appendSeconds, seen: watch.seen };
}

async function firsthandMeasured({ services, worker, appenders, mails, raws, loads, round }) {
  const { db } = services;
  const cpu = cpuMeter({ worker: () => [worker.pid], PostgreSQL: () => postgresPids(services.pgDataDir), Redis: () => [services.redisPid], 'bench (appends, polling)': () => [process.pid] });
  await db.query('CHECKPOINT');
  await sleep(1000);
  const before = loadMark(`firsthand ${round}: before`);
  const xact0 = await committedTransactions(db);
  const cpu0 = cpu.take();
  log(`firsthand ${round}: appending ${mails.length} mails to ${MAILBOX} (${APPENDERS} connections) while the worker takes them ...`);
  const run = await appendAndWait({ db, appenders, mails, raws, what: 'firsthand', maxSeconds: MAX_SECONDS });
  const cpuUse = cpu.report(cpu0);
  const xacts = (await committedTransactions(db)) - xact0;
  await sleep(2000); // a second record would show by now
  const after = loadMark(`firsthand ${round}: after`);
  loads.push({ phase: `firsthand ${round}`, before, after });
  const latencies = [];
  const dbLatencies = [];
  let last = 0;
  const check = await verify(db, mails);
  mails.forEach((m, i) => {
    const at = run.seen.get(m.messageId);
    if (at === undefined) return;
    latencies.push(at - run.appended[i]);
    last = Math.max(last, at);
    const row = check.rows.get(m.messageId)?.[0];
    if (row) dbLatencies.push(row.received_at.getTime() - run.appended[i]);
  });
  return {
    side: 'firsthand',
    round,
    taken: run.seen.size,
    seconds: (last - run.start) / 1000,
    rate: run.seen.size / ((last - run.start) / 1000),
    latencies,
    dbLatencies,
    latency: stats(latencies),
    dbLatency: stats(dbLatencies),
    appendSeconds: run.appendSeconds,
    ...check,
    cpu: cpuUse.text,
    mails: mails.length,
    // What the whole machine spent a mail in the phase: Firsthand's processes, and the rest (Dovecot, the appends, anything else running).
    cpuPerMail: {
      firsthand: ((cpuUse.used.worker + cpuUse.used.PostgreSQL + cpuUse.used.Redis) * 1000) / mails.length,
      other: ((cpuUse.used['bench (appends, polling)'] + cpuUse.rest) * 1000) / mails.length,
    },
    perMail: `per mail: ${fmt((cpuUse.used.worker * 1000) / mails.length, 2)} ms worker CPU, ${fmt((cpuUse.used.PostgreSQL * 1000) / mails.length, 2)} ms PostgreSQL CPU, ${fmt(xacts / mails.length, 1)} PostgreSQL transactions (the bench's polling included)`,
  };
}

/**
 * The raw side: one connection, IDLE, on each new mail FETCH of the sources from the last UID read
 * and mailparser's simpleParser on each, one line per mail parsed. Starts on a "go" line.
 */
const RAW_READER_SOURCE = ({ imapflow, mailparser }) => `
import { createInterface } from 'node:readline';
import { ImapFlow } from '${imapflow}';
import { simpleParser } from '${mailparser}';
const [port, user, pass, mailbox] = process.argv.slice(2);
const client = new ImapFlow({ host: '127.0.0.1', port: Number(port), secure: false, auth: { user, pass }, logger: false, disableAutoIdle: true });
await client.connect();
await client.mailboxOpen(mailbox);
let wake = null;
let pendingWake = false;
client.on('exists', () => { pendingWake = true; wake?.(); });
console.log('RAW_READER_READY');
for await (const line of createInterface({ input: process.stdin })) if (line === 'go') break;
let last = 0;
for (;;) {
  pendingWake = false;
  await client.noop();
  const batch = [];
  if (client.mailbox.exists > 0) {
    for await (const m of client.fetch(String(last + 1) + ':*', { uid: true, source: true }, { uid: true })) if (m.uid > last) batch.push(m);
  }
  for (const m of batch) {
    const parsed = await simpleParser(m.source);
    last = Math.max(last, m.uid);
    console.log('RAW_PARSED ' + Date.now() + ' ' + parsed.messageId + ' ' + parsed.attachments.length + ' ' + (parsed.text ?? '').length);
  }
  if (batch.length > 0 || pendingWake) continue;
  await new Promise((resolve) => {
    wake = resolve;
    client.idle().catch(() => resolve());
    setTimeout(resolve, 5000);
  });
  wake = null;
}
`;

/** One raw reader process on the Raw mailbox; `parsed` maps Message-ID -> the times it was parsed. */
async function rawReader(root, dovecot, name) {
  const parsed = new Map();
  const counts = { attachments: 0 };
  const reader = await startNode({
    name,
    args: [join(root, 'raw-reader.mjs'), String(dovecot.port), dovecot.user, dovecot.password, RAW_MAILBOX],
    ready: /RAW_READER_READY/,
    logFile: join(root, `${name.replace(/\W+/g, '-')}.log`),
    onLine: (line) => {
      if (!line.startsWith('RAW_PARSED ')) return;
      const [, at, id, files] = line.split(' ');
      const bare = id.replace(/^<|>$/g, '');
      parsed.set(bare, [...(parsed.get(bare) ?? []), Number(at)]);
      counts.attachments += Number(files);
    },
  });
  return { reader, parsed, counts };
}

function rawOutcome(mails, parsed, start, appended) {
  const latencies = [];
  let last = 0;
  let lost = 0;
  let doubled = 0;
  mails.forEach((m, i) => {
    const times = parsed.get(m.messageId);
    if (!times) return void lost++;
    doubled += times.length - 1;
    if (appended) latencies.push(times[0] - appended[i]);
    last = Math.max(last, times[0]);
  });
  return { taken: mails.length - lost, lost, doubled, seconds: (last - start) / 1000, rate: (mails.length - lost) / ((last - start) / 1000), latencies, latency: stats(latencies) };
}

/**
 * Live: the reader waits on the empty Raw mailbox while the same mails are APPENDed (as the worker
 * did), a round at a time. It first reads the practice mails, then expunged.
 */
async function openRawSide({ root, dovecot, appenders, practice, practiceRaws }) {
  const live = await rawReader(root, dovecot, 'raw reader');
  live.reader.send('go');
  if (practice.length > 0) {
    // The reader warms on the Firsthand side's practice mails (expunged before the first round).
    log(`raw: warm-up: ${practice.length} mails of the measured mix ...`);
    await appendAll(appenders, RAW_MAILBOX, practice, practiceRaws);
    const warmed = await pollUntil(() => practice.every((m) => live.parsed.has(m.messageId)), { timeoutMs: MAX_SECONDS * 1000, everyMs: 50 });
    if (!warmed) throw new BenchError(`raw warm-up: not every mail parsed within ${MAX_SECONDS} s`);
  }
  return live;
}

async function rawMeasured({ live, dovecot, appenders, mails, raws, loads, round }) {
  // Each round APPENDs to an empty mailbox, as Firsthand's rounds do to an INBOX its moves keep empty.
  await withImap(dovecot, async (imap) => {
    const opened = await imap.mailboxOpen(RAW_MAILBOX);
    if (opened.exists > 0) await imap.messageDelete('1:*');
  });
  const cpu = cpuMeter({ 'raw reader': () => [live.reader.pid], 'bench (appends)': () => [process.pid] });
  const attachments0 = live.counts.attachments;
  await sleep(1000);
  const before = loadMark(`raw ${round}: before`);
  const cpu0 = cpu.take();
  log(`raw ${round}: appending the same ${mails.length} mails to ${RAW_MAILBOX} while imapflow + mailparser read them ...`);
  const start = Date.now();
  const appended = await appendAll(appenders, RAW_MAILBOX, mails, raws);
  const appendSeconds = (Date.now() - start) / 1000;
  await pollUntil(() => mails.every((m) => live.parsed.has(m.messageId)), { timeoutMs: MAX_SECONDS * 1000, everyMs: 50 });
  const cpuUse = cpu.report(cpu0);
  await sleep(1000);
  const after = loadMark(`raw ${round}: after`);
  loads.push({ phase: `raw imapflow + mailparser ${round}`, before, after });
  return {
    side: 'raw',
    round,
    mails: mails.length,
    ...rawOutcome(mails, live.parsed, start, appended),
    appendSeconds,
    attachments: live.counts.attachments - attachments0,
    cpu: cpuUse.text,
    readerCpu: cpuUse.used['raw reader'],
    perMail: `per mail: ${fmt((cpuUse.used['raw reader'] * 1000) / mails.length, 2)} ms reader CPU`,
  };
}

/** Drain: a fresh reader reads the mailbox the last round filled from the first UID, so APPEND speed is no limit: the ceiling of fetching and parsing alone. */
async function closeRawSide({ live, root, dovecot, mails }) {
  await live.reader.stop();
  const drain = await rawReader(root, dovecot, 'raw reader (drain)');
  await sleep(1000);
  log(`raw: a fresh reader drains the ${mails.length} mails already in ${RAW_MAILBOX} ...`);
  const drainStart = Date.now();
  drain.reader.send('go');
  await pollUntil(() => drain.parsed.size >= mails.length, { timeoutMs: MAX_SECONDS * 1000, everyMs: 50 });
  await drain.reader.stop();
  return rawOutcome(mails, drain.parsed, drainStart, null);
}

/** One side's rounds as one: every mail and second of them; CPU a mail weighed by mails. */
function together(rounds) {
  if (rounds.length === 0) return null;
  const sum = (get) => rounds.reduce((n, x) => n + get(x), 0);
  const mails = sum((x) => x.mails);
  const taken = sum((x) => x.taken);
  const latencies = rounds.flatMap((x) => x.latencies);
  const joined = {
    ...rounds[0],
    rounds,
    mails,
    taken,
    seconds: sum((x) => x.seconds),
    rate: taken / sum((x) => x.seconds),
    latencies,
    latency: stats(latencies),
    lost: sum((x) => x.lost),
    doubled: sum((x) => x.doubled),
    appendSeconds: sum((x) => x.appendSeconds),
    cpu: rounds.map((x) => `round ${x.round}: ${x.cpu}; ${x.perMail}`).join('\n  '),
  };
  if (rounds[0].side === 'raw') return { ...joined, attachments: sum((x) => x.attachments), perMail: `per mail: ${fmt((sum((x) => x.readerCpu) * 1000) / mails, 2)} ms reader CPU` };
  const dbLatencies = rounds.flatMap((x) => x.dbLatencies);
  return {
    ...joined,
    dbLatency: stats(dbLatencies),
    notTicketed: sum((x) => x.notTicketed),
    badEvents: sum((x) => x.badEvents),
    misthreaded: sum((x) => x.misthreaded),
    wrongFiles: sum((x) => x.wrongFiles),
    reasons: rounds.map((x) => x.reasons).filter(Boolean).join('; '),
    cpuPerMail: { firsthand: sum((x) => x.cpuPerMail.firsthand * x.mails) / mails, other: sum((x) => x.cpuPerMail.other * x.mails) / mails },
  };
}

/** SIGKILL the worker once CRASH_AT_PERCENT of a burst is recorded, start another, and wait until every mail is taken. */
async function crashPhase({ services, ctx, appenders, warm, loads }) {
  const { db } = services;
  const mails = planMails('k', CRASH_MAILS, { warm, seed: 7 });
  const raws = await Promise.all(mails.map(rawOf));
  const before = loadMark('crash phase: before');
  const watch = visibilityWatch(db, mails.map((m) => m.messageId));
  log(`crash phase: appending ${mails.length} mails; SIGKILL to the worker at ${CRASH_AT_PERCENT}% recorded ...`);
  const start = Date.now();
  const appending = appendAll(appenders, MAILBOX, mails, raws);
  const killAt = Math.ceil((mails.length * CRASH_AT_PERCENT) / 100);
  await pollUntil(() => watch.seen.size >= killAt, { timeoutMs: MAX_SECONDS * 1000, everyMs: 5 });
  const victim = ctx.worker;
  victim.child.kill('SIGKILL');
  await new Promise((resolve) => (victim.alive() ? victim.child.once('exit', resolve) : resolve()));
  const killedAt = Date.now();
  const recordedAtKill = (await db.query('SELECT count(*)::int AS n FROM inbound_mails WHERE message_id = ANY($1::text[])', [mails.map((m) => m.messageId)])).rows[0].n;
  log(`crash phase: worker ${victim.pid} killed with ${recordedAtKill} of ${mails.length} recorded; starting another ...`);
  await appending;
  ctx.worker = await startBenchWorker('worker 2 (after SIGKILL)', ctx);
  const restartedAt = Date.now();
  log(`crash phase: waiting for every mail (a claim held by the killed worker is released after 120 s unchanged; cap ${CRASH_MAX_SECONDS} s) ...`);
  await pollUntil(() => watch.seen.size >= mails.length, { timeoutMs: CRASH_MAX_SECONDS * 1000, everyMs: 200 });
  await watch.stop();
  const lastSeen = Math.max(...watch.seen.values());
  // The mailbox must be empty: a mail recorded but not moved would be handed over again later.
  const emptyBy = await pollUntil(async () => (await withImap(ctx.dovecot, (imap) => mailboxCounts(imap, [MAILBOX])))[MAILBOX] === 0, { timeoutMs: 60_000, everyMs: 500 });
  await sleep(2000);
  const after = loadMark('crash phase: after');
  loads.push({ phase: 'crash phase', before, after });
  const check = await verify(db, mails);
  const late = mails.filter((m) => (watch.seen.get(m.messageId) ?? Infinity) > restartedAt + 60_000).length;
  return {
    mails: mails.length,
    ...check,
    recordedAtKill,
    killedAfterSeconds: (killedAt - start) / 1000,
    allSeconds: (lastSeen - start) / 1000,
    afterRestartSeconds: (lastSeen - restartedAt) / 1000,
    lateAfterRestart: late,
    inboxEmpty: Boolean(emptyBy),
  };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const loadAtStart = os.loadavg();
  const buildState = ensureBuilt({ [API_MAIN]: 'apps/api/src', [WORKER_MAIN]: 'apps/worker/src' });
  warnIfBusy(loadAtStart);
  const root = benchDir('firsthand-inbound-');
  mkdirSync(join(root, 'attachments'));
  writeFileSync(join(root, 'raw-reader.mjs'), RAW_READER_SOURCE({ imapflow: import.meta.resolve('imapflow'), mailparser: import.meta.resolve('mailparser') }));
  const services = await startServices(root);
  const smtp = await startSmtpSink(); // the acknowledgements the worker sends for new tickets go here
  log('starting Dovecot ...');
  const dovecot = await startDovecot(join(root, 'dovecot'));
  const { db } = services;

  log('starting the built API once (runs the migrations) ...');
  const api = await startApi({ databaseUrl: services.databaseUrl, redisUrl: services.redisUrl, secret: SECRET, logFile: join(root, 'api.log') });
  await db.query(`INSERT INTO teams (name, is_default) VALUES ('Bench', true)`);
  await api.stop();

  const appenders = [];
  for (let k = 0; k < APPENDERS; k++) appenders.push(await imapClient(dovecot));
  await appenders[0].mailboxCreate(RAW_MAILBOX).catch(() => undefined);

  const prefix = `bench${randomBytes(4).toString('hex')}`;
  // A Redis that never held this deployment's timers makes the worker re-create every open ticket's timers at boot: a recovery path, not what is measured.
  const marker = new Redis(services.redisUrl, { maxRetriesPerRequest: 1 });
  await marker.set(`${prefix}:sla-timers-present`, new Date().toISOString());
  marker.disconnect();
  const ctx = { root, services, smtp, dovecot, prefix, worker: null };
  log('starting the built worker (IMAP poller on the Dovecot INBOX) ...');
  ctx.worker = await startBenchWorker('worker 1', ctx);

  // --- warm-up: tickets opened by mail (the plus-address replies' targets), the worker's code paths warmed
  const warmMails = planMails('w', WARMUP_TICKETS, { seed: 1, answers: false });
  const warmRaws = await Promise.all(warmMails.map(rawOf));
  log(`warm-up: ${warmMails.length} new-issue mails ...`);
  const warmRun = await appendAndWait({ db, appenders, mails: warmMails, raws: warmRaws, what: 'warm-up', maxSeconds: MAX_SECONDS });
  if (warmRun.seen.size < warmMails.length) throw new BenchError(`warm-up: ${warmMails.length - warmRun.seen.size} mails not recorded within ${MAX_SECONDS} s`);
  const { rows: warmRows } = await db.query(
    `SELECT im.message_id, t.code FROM inbound_mails im JOIN tickets t ON t.id = im.ticket_id WHERE im.message_id = ANY($1::text[]) AND im.outcome = 'opened'`,
    [warmMails.map((m) => m.messageId)],
  );
  const codes = new Map(warmRows.map((r) => [r.message_id, r.code]));
  const warm = warmMails.filter((m) => codes.has(m.messageId)).map((m) => ({ code: codes.get(m.messageId), email: m.from, name: m.fromName, subject: m.subject }));
  if (warm.length < warmMails.length) throw new BenchError(`warm-up: only ${warm.length} of ${warmMails.length} mails opened a ticket`);

  // --- practice: mails of the measured mix, so that the measured ones find the worker's code compiled
  // (the raw side reads the same ones first too)
  const practice = planMails('v', WARMUP_MAILS, { warm, seed: 3 });
  const practiceRaws = await Promise.all(practice.map(rawOf));
  if (practice.length > 0 && SIDES.includes('firsthand')) {
    log(`warm-up: ${practice.length} mails of the measured mix ...`);
    const practiceRun = await appendAndWait({ db, appenders, mails: practice, raws: practiceRaws, what: 'warm-up', maxSeconds: MAX_SECONDS });
    if (practiceRun.seen.size < practice.length) throw new BenchError(`warm-up: ${practice.length - practiceRun.seen.size} mails not recorded within ${MAX_SECONDS} s`);
  }

  // --- the measured mails, a plan a round, the same bytes for both sides
  const plans = [];
  for (let k = 0; k < ROUNDS; k++) {
    const planned = planMails(k === 0 ? 'm' : `m${k}`, MAILS, { warm, seed: 42 + k });
    plans.push({ mails: planned, raws: await Promise.all(planned.map(rawOf)) });
  }
  const { mails, raws } = plans[0];
  const mix = {
    new: mails.filter((m) => m.kind === 'new').length,
    reply: mails.filter((m) => m.kind === 'reply').length,
    plus: mails.filter((m) => m.kind === 'plus').length,
    attach: mails.filter((m) => m.attach).length,
    chinese: mails.filter((m) => m.chinese).length,
    bytes: raws.reduce((s, r) => s + r.length, 0),
  };
  const loads = [];
  const rounds = { firsthand: [], raw: [] };
  // Both sides: raw's rounds first and last (R F F R for two), so that a drift of the machine's speed weighs on both alike.
  const order = [];
  if (SIDES.includes('firsthand') && SIDES.includes('raw')) {
    if (ROUNDS === 1) order.push(['firsthand', 0], ['raw', 0]);
    else for (let k = 0; k < ROUNDS; k += 2) order.push(['raw', k], ['firsthand', k], ['firsthand', k + 1], ['raw', k + 1]);
  } else for (const side of SIDES) order.push(...plans.map((_p, k) => [side, k]));
  const live = SIDES.includes('raw') ? await openRawSide({ root, dovecot, appenders, practice, practiceRaws }) : null;
  for (const [side, k] of order) {
    const round = k + 1;
    // Each round starts on a quiet machine: the last one's tail (the worker still sending acknowledgements, autovacuum) is nobody's.
    const quiet = await untilQuiet();
    log(`${side} ${round}: the machine was quiet (${(quiet.busyShare * 100).toFixed(0)}% busy) after ${quiet.waitedSeconds.toFixed(1)} s`);
    if (side === 'firsthand') rounds.firsthand.push(await firsthandMeasured({ services, worker: ctx.worker, appenders, ...plans[k], loads, round }));
    else rounds.raw.push(await rawMeasured({ live, dovecot, appenders, ...plans[k], loads, round }));
  }
  const lastRaw = order.filter(([side]) => side === 'raw').at(-1);
  const drain = live ? await closeRawSide({ live, root, dovecot, mails: plans[lastRaw[1]].mails }) : null;
  // A mail the live reader parsed twice after its round ended counts too: doubled again now that it has stopped.
  for (const x of rounds.raw) x.doubled = rawOutcome(plans[x.round - 1].mails, live.parsed, 0, null).doubled;
  rounds.firsthand.sort((a, b) => a.round - b.round);
  rounds.raw.sort((a, b) => a.round - b.round);
  const rawTogether = together(rounds.raw);
  const results = [together(rounds.firsthand), rawTogether && { ...rawTogether, drain }].filter(Boolean);
  const crash = CRASH_MAILS > 0 ? await crashPhase({ services, ctx, appenders, warm, loads }) : null;

  const folders = await withImap(dovecot, (imap) => mailboxCounts(imap, [MAILBOX, TAKEN_FOLDER, QUARANTINE_FOLDER, RAW_MAILBOX]));
  const appendedToInbox = warmMails.length + (SIDES.includes('firsthand') ? practice.length + MAILS * ROUNDS : 0) + (crash?.mails ?? 0);
  const emailTickets = (await db.query(`SELECT count(*)::int AS n FROM tickets WHERE channel = 'email'`)).rows[0].n;
  const openedRows = (await db.query(`SELECT count(*)::int AS n FROM inbound_mails WHERE outcome = 'opened'`)).rows[0].n;
  const notes = [];
  const problems = problemLines(ctx.worker.output());
  if (problems.length > 0) notes.push(`the worker printed ${problems.length} warning/error line(s), first: ${problems[0].slice(0, 300)}`);
  if (!ctx.worker.alive()) notes.push('the worker exited during the run');

  // --- report
  console.log('');
  console.log(`Inbound mail benchmark: ${ROUNDS} x ${MAILS} mails a side APPENDed to Dovecot -> real built worker (IMAP poller, TakeInboundMail, PostgreSQL) vs raw imapflow fetch + mailparser parse of the same mails (no database)`);
  console.log(machineLine());
  console.log(`${services.describe}; ${dovecot.version.startsWith('2') ? 'Dovecot ' : ''}${dovecot.version} (maildir); imapflow ${packageVersion('imapflow')}, mailparser ${packageVersion('mailparser')}`);
  console.log(`load average (1/5/15 min): ${fmtLoad(loadAtStart)} at start, ${fmtLoad()} at end (the benchmark itself adds about 2)`);
  for (const l of loads) console.log(`load average, ${l.phase}: ${fmtLoad(l.before)} before, ${fmtLoad(l.after)} after`);
  console.log(
    `dist: ${buildState}; 1 worker (NODE_ENV=production, DATABASE_POOL_SIZE=10, IDLE, pollEverySeconds=${POLL_EVERY_SECONDS}); ${WARMUP_TICKETS} warm-up tickets opened by mail first, then ${WARMUP_MAILS} warm-up mails of the measured mix to each side; ` +
      `mix (round 1; the other rounds differ by their seed): ${mix.new} new issues, ${mix.reply} answers by In-Reply-To to a mail of this run, ${mix.plus} to a ticket's plus-address, ${mix.attach} with a ${PNG.length}-byte PNG, ${mix.chinese} in Chinese, ${fmt(mix.bytes / mails.length / 1024, 1)} KiB a mail on average; ` +
      `APPENDed by ${APPENDERS} connections while the consumer runs; mails/s = a side's mails / the sum of its rounds' (last visible - first APPEND); latency = visible (Firsthand: its inbound_mails row, committed with its ticket event, seen by polling every ${VISIBLE_POLL_MS} ms; raw: parsed) - its APPEND returned`,
  );
  console.log('');
  const f = results.find((r) => r.side === 'firsthand');
  const r = results.find((x) => x.side === 'raw');
  const cell = (x, get) => (x ? get(x) : '-');
  printTable(
    ['side', 'mails', 'mails/s', 'p50 ms', 'p99 ms', 'max ms', 'lost', 'doubled', 'APPEND s'],
    [
      ...[f, r].filter(Boolean).map((x) => [x.side === 'firsthand' ? 'Firsthand (worker)' : 'raw imapflow + mailparser', String(x.mails), fmt(x.rate, 0), fmt(x.latency.p50, 0), fmt(x.latency.p99, 0), fmt(x.latency.max, 0), String(x.lost), String(x.doubled), fmt(x.appendSeconds, 1)]),
      ...(r ? [['raw, draining a filled mailbox', String(MAILS), fmt(r.drain.rate, 0), '-', '-', '-', String(r.drain.lost), String(r.drain.doubled), '-']] : []),
      ['Firsthand / raw', '', f && r ? `${((f.rate / r.rate) * 100).toFixed(0)}%` : '-', f && r ? `${fmt(f.latency.p50 / r.latency.p50, 1)}x` : '-', f && r ? `${fmt(f.latency.p99 / r.latency.p99, 1)}x` : '-', '', '', '', ''],
    ],
  );
  console.log('');
  if (ROUNDS > 1) {
    const each = order.map(([side, k]) => {
      const x = rounds[side].find((y) => y.round === k + 1);
      return `${side} ${k + 1}: ${fmt(x.rate, 0)} mails/s`;
    });
    const ratios = f && r ? `; Firsthand / raw round by round: ${f.rounds.map((x, i) => `${((x.rate / r.rounds[i].rate) * 100).toFixed(0)}%`).join(', ')}` : '';
    console.log(`rounds, in the order run: ${each.join(', ')}${ratios}; the table's rates are each side's mails over its rounds' seconds`);
  }
  if (f) {
    console.log(`firsthand: ${f.taken} recorded, ${f.lost} lost, ${f.doubled} doubled, ${f.notTicketed} not ticketed${f.reasons ? ` (${f.reasons})` : ''}, ${f.badEvents} without exactly one ticket event/message, ${f.misthreaded} on another ticket than expected, ${f.wrongFiles} without their PNG (or with one too many)`);
    console.log(`firsthand: inbound_mails.received_at (its insert) - APPEND: p50 ${fmt(f.dbLatency.p50, 0)} ms, p99 ${fmt(f.dbLatency.p99, 0)} ms`);
    console.log(`firsthand: ${f.cpu}`);
    console.log(cpuCeilingLine(f, r));
  }
  if (r) console.log(`raw: Firsthand / raw draining a filled mailbox (fetch + parse with no APPEND to wait for): ${f ? `${((f.rate / r.drain.rate) * 100).toFixed(0)}%` : '-'}`);
  if (r) console.log(`raw: ${r.taken} parsed, ${r.lost} lost, ${r.doubled} doubled, ${r.attachments} attachments parsed; ${r.perMail}\n  ${r.cpu}`);
  if (crash) {
    console.log(
      `crash phase: ${crash.mails} mails, worker SIGKILLed ${fmt(crash.killedAfterSeconds, 1)} s in with ${crash.recordedAtKill} recorded, another started; all recorded ${fmt(crash.allSeconds, 1)} s after the first APPEND ` +
        `(${fmt(crash.afterRestartSeconds, 1)} s after the restart; ${crash.lateAfterRestart} mail(s) only after more than 60 s: claims the killed worker held wait for the 120 s claim expiry); ` +
        `${crash.lost} lost, ${crash.doubled} doubled, ${crash.notTicketed} not ticketed${crash.reasons ? ` (${crash.reasons})` : ''}, ${crash.badEvents} without exactly one ticket event/message, ${crash.misthreaded} on another ticket than expected, ${crash.wrongFiles} without their PNG; INBOX ${crash.inboxEmpty ? 'empty' : 'NOT empty'} at the end`,
    );
  }
  console.log(`mailboxes at the end: ${Object.entries(folders).map(([k, v]) => `${k} ${v}`).join(', ')} (${appendedToInbox} APPENDed to INBOX); email tickets ${emailTickets}, inbound_mails opened ${openedRows}; acknowledgement emails received by the SMTP sink ${smtp.received.length}`);
  for (const note of notes) console.log(`note: ${note}`);

  const bad = [];
  if (f && (f.lost > 0 || f.doubled > 0 || f.notTicketed > 0 || f.badEvents > 0)) bad.push('firsthand');
  if (r && (r.lost > 0 || r.doubled > 0 || r.drain.lost > 0 || r.drain.doubled > 0)) bad.push('raw');
  if (crash && (crash.lost > 0 || crash.doubled > 0 || crash.notTicketed > 0 || crash.badEvents > 0 || !crash.inboxEmpty)) bad.push('crash phase');
  if (folders[TAKEN_FOLDER] !== appendedToInbox || folders[MAILBOX] !== 0 || emailTickets !== openedRows) bad.push('mailboxes/tickets');
  if (bad.length > 0) throw new BenchError(`${bad.join(', ')}: mails lost, doubled, not ticketed or left in the mailbox (see above)`);
  console.log(`Every mail was taken exactly once (one record, one ticket change, moved once)${crash ? ', also across the SIGKILL' : ''}.`);
}

/**
 * The rate the machine's CPUs allow at the CPU a mail this run measured: with every core busy, no
 * concurrency or second process could take mails faster without spending less on each. Half of raw
 * needs the CPU a mail (Firsthand's and the rest's together) under cores / (raw / 2).
 */
function cpuCeilingLine(f, r) {
  const cores = os.cpus().length;
  const { firsthand, other } = f.cpuPerMail;
  const ceiling = (cores * 1000) / (firsthand + other);
  const line = `firsthand: CPU ceiling: ${fmt(firsthand, 2)} ms a mail in Firsthand's processes (worker, PostgreSQL, Redis) and ${fmt(other, 2)} ms in the rest of the machine (Dovecot, the appends); with all ${cores} cores busy that allows at most ${fmt(ceiling, 0)} mails/s`;
  if (!r) return line;
  const halfBudget = (cores * 1000) / (r.rate / 2);
  return `${line}, ${((ceiling / r.rate) * 100).toFixed(0)}% of raw; half of raw (${fmt(r.rate / 2, 0)} mails/s) needs at most ${fmt(halfBudget, 2)} ms a mail in all, so at most ${fmt(halfBudget - other, 2)} ms in Firsthand's processes at this run's rest`;
}

await runBench(main);
