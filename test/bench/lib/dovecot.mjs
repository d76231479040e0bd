// A private Dovecot IMAP server for the benchmarks: the .mjs counterpart of test/support/dovecot.ts
// (the benches run without a TypeScript loader). Throw-away config and maildir in the bench's temp
// directory, a free loopback port, passwd-file auth, no SSL; stopped by its PID at cleanup.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { writeDovecotConfig } from '../../../scripts/lib/dovecot-config.mjs';
import { ensureDovecot, freePort } from '../../../scripts/lib/services.mjs';
import { log, onCleanup, sleep } from './bench-kit.mjs';

const USER = 'support';
const PASSWORD = 'dovecot-bench-password';

/** Starts Dovecot in `dir`; answers { port, user, password, url(mailbox), version, pid }. */
export async function startDovecot(dir) {
  const binary = ensureDovecot({ log });
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755); // the login and auth processes run as Dovecot's unprivileged users
  const port = await freePort();
  const config = writeDovecotConfig({ dir, port, user: USER, password: PASSWORD, label: 'bench' });
  const child = spawn(binary, ['-F', '-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  onCleanup('Dovecot', () => terminate(child));
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    const said = () => `${output}${safeRead(join(dir, 'dovecot.log')).slice(-1500)}`;
    if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode}): ${said()}`);
    if (Date.now() > deadline) throw new Error(`dovecot did not listen on ${port}: ${said()}`);
    await sleep(50);
  }
  const version = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim();
  return {
    port,
    pid: child.pid,
    user: USER,
    password: PASSWORD,
    version,
    url: (mailbox = 'INBOX') => `imap://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(mailbox)}`,
  };
}

function accepts(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function terminate(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function safeRead(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
