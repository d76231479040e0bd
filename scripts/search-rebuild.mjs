#!/usr/bin/env node
// `npm run search:rebuild`: rewrites every ticket's search document (ticket_search) from its ticket,
// customer and messages, in batches of SEARCH_REBUILD_BATCH (default 500) tickets, with the built
// command (dist/apps/api/apps/api/src/search/rebuild-search.js), in the environment the API gets:
// DATABASE_URL, REDIS_URL, FIRSTHAND_SECRET. Run it after upgrading to the search migration, or
// whenever the segmentation changes; the API keeps serving meanwhile (docs/search.md).
//
// With DATABASE_URL unset it uses what `npm start` runs on this machine: PostgreSQL on 127.0.0.1
// PG_PORT (54329), database "firsthand"; Redis on REDIS_PORT (63799) unless REDIS_URL is set; the
// development secret in .data/secret unless FIRSTHAND_SECRET is set. If that PostgreSQL is not
// running it says so and exits 1. The command's own exit code is passed on (78: bad configuration).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = join(ROOT, 'dist', 'apps', 'api', 'apps', 'api', 'src', 'search', 'rebuild-search.js');

const say = (message) => console.error(`[search:rebuild] ${message}`);
function fail(message) {
  say(message);
  process.exit(1);
}

const env = { ...process.env };
const unset = (name) => !env[name]?.trim();

function port(name, fallback) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) fail(`${name}=${raw} is not a valid port (1-65535).`);
  return value;
}

function listening(host, portNumber, timeoutMs = 1500) {
  return new Promise((resolveListening) => {
    const socket = connect({ host, port: portNumber });
    const done = (up) => {
      socket.destroy();
      resolveListening(up);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

if (!existsSync(ENTRY)) fail(`${relative(ROOT, ENTRY)} is missing: run "npm run build" first.`);

if (unset('DATABASE_URL')) {
  const pgPort = port('PG_PORT', 54329);
  if (!(await listening('127.0.0.1', pgPort))) {
    fail(
      `DATABASE_URL is not set and nothing listens on 127.0.0.1:${pgPort} (PG_PORT), where "npm start" runs PostgreSQL. ` +
        'Start the system with "npm start" in another terminal and run this again, or set DATABASE_URL to your database.',
    );
  }
  env.DATABASE_URL = `postgres://postgres:firsthand@127.0.0.1:${pgPort}/firsthand`;
  const used = [`PostgreSQL 127.0.0.1:${pgPort}/firsthand`];
  if (unset('REDIS_URL')) {
    env.REDIS_URL = `redis://127.0.0.1:${port('REDIS_PORT', 63799)}`;
    used.push(`Redis ${env.REDIS_URL}`);
  }
  if (unset('FIRSTHAND_SECRET')) {
    const file = join(ROOT, '.data', 'secret');
    if (!existsSync(file)) fail(`FIRSTHAND_SECRET is not set and ${relative(ROOT, file)} does not exist: set FIRSTHAND_SECRET as the API has it.`);
    env.FIRSTHAND_SECRET = readFileSync(file, 'utf8').trim();
    used.push('the secret in .data/secret');
  }
  say(`DATABASE_URL is not set: using what "npm start" runs, ${used.join(', ')}`);
}

const child = spawn(process.execPath, ['--enable-source-maps', ENTRY], { cwd: ROOT, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => fail(`could not start the rebuild: ${error.message}`));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
