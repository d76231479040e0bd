import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePortForTest } from './free-port.js';
import { RELAXED_LIMITS } from './test-services.js';

const ROOT = resolve('.'); // Jest runs from the repository root

/** `node scripts/start.mjs` as a person runs it (npm start), on free ports and its own data directory. */
export interface StartedStack {
  process: ChildProcess;
  dataDir: string;
  ports: Record<'api' | 'gateway' | 'pg' | 'redis' | 'workerMetrics' | 'outboxSmtp' | 'outboxHttp' | 'inboundSmtp', number>;
  apiUrl: string;
  databaseUrl: string;
  /** Every output line (stdout and stderr, as start.mjs prefixes them), in order, with when it came. */
  lines: Array<{ at: number; text: string }>;
  /** Resolves with the first line from index `from` matching `pattern`. */
  waitFor(pattern: RegExp, timeoutMs: number, from?: number): Promise<{ index: number; match: RegExpExecArray }>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (as Ctrl-C would), then SIGKILL after `graceMs`; removes the data directory. */
  stop(graceMs?: number): Promise<void>;
}

export async function startStack(extraEnv: Record<string, string> = {}): Promise<StartedStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'firsthand-start-'));
  const ports = {
    api: await freePortForTest(),
    gateway: await freePortForTest(),
    pg: await freePortForTest(),
    redis: await freePortForTest(),
    workerMetrics: await freePortForTest(),
    outboxSmtp: await freePortForTest(),
    outboxHttp: await freePortForTest(),
    inboundSmtp: await freePortForTest(),
  };
  const env: Record<string, string> = {};
  // Only what a shell would pass: none of the suites' own DATABASE_URL, REDIS_URL or providers.
  for (const name of ['PATH', 'HOME', 'LANG', 'TZ']) if (process.env[name]) env[name] = process.env[name]!;
  Object.assign(env, {
    FIRSTHAND_DATA_DIR: dataDir,
    FIRSTHAND_SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    NO_COLOR: '1',
    API_PORT: String(ports.api),
    GATEWAY_PORT: String(ports.gateway),
    PG_PORT: String(ports.pg),
    REDIS_PORT: String(ports.redis),
    WORKER_METRICS_PORT: String(ports.workerMetrics),
    OUTBOX_SMTP_PORT: String(ports.outboxSmtp),
    OUTBOX_HTTP_PORT: String(ports.outboxHttp),
    INBOUND_SMTP_PORT: String(ports.inboundSmtp),
    // One test client plays every customer from 127.0.0.1: the request limits are not what it tests.
    ...RELAXED_LIMITS,
    ...extraEnv,
  });
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: StartedStack['lines'] = [];
  const waiters = new Set<() => void>();
  const take = (chunk: Buffer, rest: { text: string }) => {
    rest.text += chunk.toString('utf8');
    const parts = rest.text.split('\n');
    rest.text = parts.pop()!;
    for (const text of parts) lines.push({ at: Date.now(), text });
    for (const w of waiters) w();
  };
  const out = { text: '' };
  const err = { text: '' };
  child.stdout!.on('data', (c: Buffer) => take(c, out));
  child.stderr!.on('data', (c: Buffer) => take(c, err));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));

  const waitFor: StartedStack['waitFor'] = (pattern, timeoutMs, from = 0) =>
    new Promise((resolvePromise, reject) => {
      const check = () => {
        for (let i = from; i < lines.length; i++) {
          const match = pattern.exec(lines[i].text);
          if (match) {
            done();
            resolvePromise({ index: i, match });
            return;
          }
        }
      };
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; last lines:\n${lines.slice(-40).map((l) => l.text).join('\n')}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  let stopped = false;
  const stop = async (graceMs = 60_000) => {
    if (!stopped) {
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  return {
    process: child,
    dataDir,
    ports,
    apiUrl: `http://127.0.0.1:${ports.api}`,
    databaseUrl: `postgres://postgres:firsthand@127.0.0.1:${ports.pg}/firsthand`,
    lines,
    waitFor,
    exited,
    stop,
  };
}
