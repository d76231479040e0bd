import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startStack, type StartedStack } from '../support/started-stack.js';

/**
 * The fault suite: `node scripts/start.mjs` (npm start) on its own ports and data directory, a steady
 * trickle of customer creates and agent replies through the real processes, and in turn: the worker
 * killed with kill -9, Redis frozen for 10 s, redis-server killed with kill -9, the API sent SIGTERM.
 * npm start's supervisor restarts what died. Every acknowledged write must be stored, every customer
 * email arrive exactly once, nothing be stored that nobody asked for; the error window users saw is printed.
 */

type Outcome = 'acknowledged' | 'answered-error' | 'refused' | 'lost';
interface Attempt {
  kind: 'create' | 'reply';
  marker: string;
  phase: string;
  at: number;
  ms: number;
  outcome: Outcome;
  status?: number;
  error?: string;
  ticketId?: string;
  customerEmail?: string;
}

const TRICKLE_GAP_MS = 150;
const REQUEST_TIMEOUT_MS = 20_000;

const pidOf = (stack: StartedStack, pattern: RegExp, from = 0): Promise<number> => stack.waitFor(pattern, 120_000, from).then(({ match }) => Number(match[1]));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(250);
  }
}

describe('npm start under faults: killed worker, frozen and killed Redis, SIGTERM to the API', () => {
  let stack: StartedStack;
  let db: pg.Client;
  let agentAuth: string;
  const replyTickets: Array<{ id: string; email: string }> = [];
  const attempts: Attempt[] = [];
  let phase = 'steady';
  const phases: Array<{ name: string; at: number }> = [];
  const pids: Record<string, number> = {};

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${stack.apiUrl}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });

  /** One user request, classified by what the user saw. */
  async function attempt(kind: Attempt['kind'], marker: string, path: string, body: unknown, extra: Partial<Attempt> = {}, headers: Record<string, string> = {}): Promise<Attempt> {
    const at = Date.now();
    const record: Attempt = { kind, marker, phase, at, ms: 0, outcome: 'lost', ...extra };
    try {
      const response = await api(path, { method: 'POST', body: JSON.stringify(body), headers });
      record.status = response.status;
      const answer = (await response.json().catch(() => ({}))) as { id?: string };
      if (response.status === 201) {
        record.outcome = 'acknowledged';
        if (kind === 'create') record.ticketId = answer.id;
      } else record.outcome = 'answered-error';
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      record.error = cause?.code ?? (error as Error).name;
      // Refused connections never reached the API; anything else may have been written before the answer was lost.
      record.outcome = cause?.code === 'ECONNREFUSED' ? 'refused' : 'lost';
    }
    record.ms = Date.now() - at;
    attempts.push(record);
    return record;
  }

  let trickling = false;
  let trickleDone: Promise<void> = Promise.resolve();
  const startTrickle = () => {
    trickling = true;
    let n = 0;
    trickleDone = (async () => {
      while (trickling) {
        n++;
        if (n % 2 === 1) {
          const email = `fault-customer-${n}@fault.test`;
          await attempt('create', `fault-create-${n}`, '/api/tickets', { subject: `fault-create-${n}`, description: 'steady trickle', customer: { name: `Customer ${n}`, email } }, { customerEmail: email });
        } else {
          const ticket = replyTickets[n % replyTickets.length];
          // The marker ends with a dot so "fault-reply-2." is not found inside "fault-reply-24.".
          await attempt('reply', `fault-reply-${n}.`, `/api/tickets/${ticket.id}/messages`, { body: `fault-reply-${n}.`, visibility: 'public' }, { ticketId: ticket.id, customerEmail: ticket.email }, { authorization: agentAuth });
        }
        await sleep(TRICKLE_GAP_MS);
      }
    })();
  };
  const enter = (name: string) => {
    phase = name;
    phases.push({ name, at: Date.now() });
  };
  /** Waits until a request of the trickle started after `since` was acknowledged: users are served again. */
  const servedAgainAfter = (since: number, what: string) =>
    eventually(() => attempts.find((a) => a.at > since && a.outcome === 'acknowledged'), 60_000, `an acknowledged request after ${what}`);

  /**
   * The emails the customers see: a send the killed worker had made but not yet recorded goes out
   * again after its lease with the same Message-ID (docs/worker.md), which the outbox, like a
   * provider, recognises as a repeat (`repeatOf`) rather than a second email.
   */
  const outboxEmails = ({ repeats = false } = {}): Array<{ to: string[]; subject: string; text: string; messageId: string | null; receivedAt: string }> => {
    const file = join(stack.dataDir, 'outbox.jsonl');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .flatMap((line) => {
        try {
          const item = JSON.parse(line);
          return item.channel === 'email' && (repeats || !item.repeatOf) ? [{ ...item.email, receivedAt: item.receivedAt }] : [];
        } catch {
          return [];
        }
      });
  };

  beforeAll(async () => {
    // A send the killed worker had leased is taken again once its lease ends (2 x NOTIFY_SEND_TIMEOUT_MS
    // + 5 s) at the next sweep (WORKER_SWEEP_EVERY_SECONDS): 45 s + up to 60 s on the defaults, which
    // outlasted the wait below on a loaded CI run. Shorter here, so the wait covers it with room.
    stack = await startStack({ NOTIFY_SEND_TIMEOUT_MS: '5000', WORKER_SWEEP_EVERY_SECONDS: '10' });
    await stack.waitFor(/Firsthand is running\./, 180_000);
    pids.gateway = await pidOf(stack, /\[start\] gateway started \(pid (\d+)\)/);
    pids.worker = await pidOf(stack, /\[start\] worker started \(pid (\d+)\)/);
    pids.api = await pidOf(stack, /\[start\] api started \(pid (\d+)\)/);
    pids.outbox = await pidOf(stack, /\[start\] outbox started \(pid (\d+)\)/);
    pids.redis = await pidOf(stack, /\[services\] Redis ready on 127\.0\.0\.1:\d+ \(pid (\d+)/);
    db = new pg.Client({ connectionString: stack.databaseUrl });
    await db.connect();
    db.on('error', () => undefined); // the Ctrl-C test stops PostgreSQL under it

    const adminLogin = await api('/api/auth/login', { method: 'POST', body: JSON.stringify({ email: 'admin@firsthand.local', password: 'firsthand-admin' }) });
    expect(adminLogin.status).toBe(200);
    const admin = `Bearer ${((await adminLogin.json()) as { accessToken: string }).accessToken}`;
    const team = await api('/api/teams', { method: 'POST', headers: { authorization: admin }, body: JSON.stringify({ name: 'Front Desk', isDefault: true }) });
    expect(team.status).toBe(201);
    const teamId = ((await team.json()) as { id: string }).id;
    const agent = await api('/api/agents', { method: 'POST', headers: { authorization: admin }, body: JSON.stringify({ name: 'Li Wei', email: 'li.wei@fault.test', password: 'long-enough-1', role: 'agent', teamId }) });
    expect(agent.status).toBe(201);
    const login = await api('/api/auth/login', { method: 'POST', body: JSON.stringify({ email: 'li.wei@fault.test', password: 'long-enough-1' }) });
    agentAuth = `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`;
    for (let i = 0; i < 3; i++) {
      const email = `fault-thread-${i}@fault.test`;
      const opened = await api('/api/tickets', { method: 'POST', body: JSON.stringify({ subject: `thread ${i}`, description: 'replies land here', customer: { name: `Thread ${i}`, email } }) });
      expect(opened.status).toBe(201);
      const { id } = (await opened.json()) as { id: string };
      const claimed = await api(`/api/tickets/${id}/claim`, { method: 'POST', headers: { authorization: agentAuth }, body: '{}' });
      expect(claimed.status).toBe(200);
      replyTickets.push({ id, email });
    }
  }, 240_000);

  afterAll(async () => {
    trickling = false;
    await trickleDone;
    await db?.end().catch(() => undefined);
    if (stack && process.env.DEBUG_FAULTS) console.log(stack.lines.map((l) => l.text).join('\n'));
    await stack?.stop();
  }, 90_000);

  it('survives each fault with the others serving, loses no acknowledged write, doubles no email, stores no ghost', async () => {
    enter('steady');
    startTrickle();
    await sleep(3_000);

    // 1. kill -9 the worker: the supervisor restarts it; users never depend on it.
    enter('worker kill -9');
    const workerKilledAt = Date.now();
    const fromLine = stack.lines.length;
    process.kill(pids.worker, 'SIGKILL');
    await stack.waitFor(/\[start\] worker killed by SIGKILL after .*: restarting in 0\.5 s/, 10_000, fromLine);
    const newWorker = await pidOf(stack, /\[start\] worker started again \(pid (\d+), restart 1\)/, fromLine);
    await stack.waitFor(/\[worker\] .*FIRSTHAND_WORKER_READY/, 60_000, fromLine);
    expect(newWorker).not.toBe(pids.worker);
    pids.worker = newWorker;
    await servedAgainAfter(workerKilledAt, 'the worker kill');
    await sleep(2_000);

    // 2. Redis frozen (SIGSTOP) for 10 s, as the issue asks: alive to the supervisor, silent to everyone.
    enter('Redis stopped 10 s');
    process.kill(pids.redis, 'SIGSTOP');
    await sleep(10_000);
    process.kill(pids.redis, 'SIGCONT');
    const redisBackAt = Date.now();
    enter('after Redis stop');
    await servedAgainAfter(redisBackAt, 'Redis came back');
    await sleep(2_000);

    // 3. kill -9 redis-server: the services helper restarts it on the same port and append-only file.
    enter('redis-server kill -9');
    const redisKilledAt = Date.now();
    const fromRedisLine = stack.lines.length;
    process.kill(pids.redis, 'SIGKILL');
    await stack.waitFor(/\[services\] redis-server killed by SIGKILL after .*: restarting in 0\.5 s/, 10_000, fromRedisLine);
    const newRedis = await pidOf(stack, /\[services\] Redis ready on 127\.0\.0\.1:\d+ \(pid (\d+)/, fromRedisLine);
    expect(newRedis).not.toBe(pids.redis);
    pids.redis = newRedis;
    await servedAgainAfter(redisKilledAt, 'the redis-server kill');
    await sleep(2_000);

    // 4. SIGTERM to the API (not from npm start): it stops gracefully and is started again.
    enter('API SIGTERM');
    const apiStoppedAt = Date.now();
    const fromApiLine = stack.lines.length;
    process.kill(pids.api, 'SIGTERM');
    const apiExit = await stack.waitFor(/\[start\] api (exited|killed)[^:]* after .*: restarting in 0\.5 s/, 30_000, fromApiLine);
    console.log(`Fault suite: npm start said: ${stack.lines[apiExit.index].text}`);
    const newApi = await pidOf(stack, /\[start\] api started again \(pid (\d+), restart 1\)/, fromApiLine);
    pids.api = newApi;
    const listening = await stack.waitFor(/\[api\] FIRSTHAND_API_LISTENING/, 60_000, fromApiLine);
    console.log(
      `Fault suite: API SIGTERM at 0 ms; it exited at ${stack.lines[apiExit.index].at - apiStoppedAt} ms and listened again at ${stack.lines[listening.index].at - apiStoppedAt} ms`,
    );
    await servedAgainAfter(apiStoppedAt, 'the API restart');
    enter('after API restart');
    await sleep(3_000);
    trickling = false;
    await trickleDone;

    // The stack never stopped: the launcher runs, and what was not faulted kept its process.
    if (!alive(pids.gateway) || !alive(pids.outbox)) {
      console.log(`Fault suite: a process that was not faulted is gone; what npm start said of it:\n${stack.lines.filter((l) => /^\[(start|outbox|gateway)\]/.test(l.text)).slice(-40).map((l) => l.text).join('\n')}`);
    }
    expect(stack.process.exitCode).toBeNull();
    expect(alive(pids.gateway)).toBe(true);
    expect(alive(pids.outbox)).toBe(true);
    expect(stack.lines.filter((l) => /stopping everything/.test(l.text))).toEqual([]);

    // What the users saw, per phase.
    const byOutcome = (list: Attempt[], outcome: Outcome) => list.filter((a) => a.outcome === outcome).length;
    const report = phases.map(({ name, at }, i) => {
      const until = phases[i + 1]?.at ?? Infinity;
      const inPhase = attempts.filter((a) => a.at >= at && a.at < until);
      const failed = inPhase.filter((a) => a.outcome !== 'acknowledged');
      const window = failed.length ? `${failed[0].at - at}..${failed[failed.length - 1].at + failed[failed.length - 1].ms - at} ms after the fault` : 'none';
      const slowest = Math.max(0, ...inPhase.map((a) => a.ms));
      return `  ${name.padEnd(20)} requests ${String(inPhase.length).padStart(3)}  acknowledged ${String(byOutcome(inPhase, 'acknowledged')).padStart(3)}  refused ${byOutcome(inPhase, 'refused')}  error answers ${byOutcome(inPhase, 'answered-error')} ${[...new Set(inPhase.filter((a) => a.status && a.status !== 201).map((a) => a.status))].join(',')}  answer lost ${byOutcome(inPhase, 'lost')}  slowest ${slowest} ms  error window ${window}`;
    });
    console.log(`Fault suite: what the users saw (${attempts.length} requests, one every ~${TRICKLE_GAP_MS} ms plus its own time)\n${report.join('\n')}`);

    // Killing the worker is invisible to users.
    expect(attempts.filter((a) => a.phase === 'worker kill -9' && a.outcome !== 'acknowledged')).toEqual([]);
    // No 500 anywhere: a refused connection or a lost answer during a restart, or a clear 503, but never an internal error.
    expect(attempts.filter((a) => a.status !== undefined && a.status >= 500 && a.status !== 503)).toEqual([]);

    // Every acknowledged write is stored.
    const acknowledged = attempts.filter((a) => a.outcome === 'acknowledged');
    const storedTickets = await db.query<{ id: string; subject: string }>(`SELECT id, subject FROM tickets WHERE subject LIKE 'fault-create-%'`);
    const storedReplies = await db.query<{ body: string }>(`SELECT body FROM messages WHERE body LIKE 'fault-reply-%'`);
    const stored = new Set([...storedTickets.rows.map((r) => r.subject), ...storedReplies.rows.map((r) => r.body)]);
    expect(acknowledged.filter((a) => !stored.has(a.marker)).map((a) => a.marker)).toEqual([]);
    // No ghost writes: each stored write was acknowledged, or its answer was lost on the way back.
    const asked = new Map(attempts.map((a) => [a.marker, a]));
    const ghosts = [...stored].filter((marker) => !asked.has(marker) || ['refused', 'answered-error'].includes(asked.get(marker)!.outcome));
    expect(ghosts).toEqual([]);
    const lost = attempts.filter((a) => a.outcome === 'lost');
    const lostButStored = lost.filter((a) => stored.has(a.marker)).length;
    // Stored at most once each (no duplicate from a retry inside the stack).
    expect(storedTickets.rows.length).toBe(new Set(storedTickets.rows.map((r) => r.subject)).size);
    expect(storedReplies.rows.length).toBe(new Set(storedReplies.rows.map((r) => r.body)).size);
    console.log(`Fault suite: ${acknowledged.length} acknowledged writes all stored; answers lost: ${lost.length} (${lostButStored} of them stored, ${lost.length - lostButStored} not); ghosts: 0`);

    // Every customer notification of a stored write arrives exactly once: the "received" email of each
    // new ticket (its customer gets nothing else) and the email carrying each stored reply.
    const expectedCreates = attempts.filter((a) => a.kind === 'create' && stored.has(a.marker));
    const expectedReplies = attempts.filter((a) => a.kind === 'reply' && stored.has(a.marker));
    const counts = () => {
      const emails = outboxEmails();
      const creates = expectedCreates.map((a) => emails.filter((m) => m.to.includes(a.customerEmail!)).length);
      const replies = expectedReplies.map((a) => emails.filter((m) => m.to.includes(a.customerEmail!) && m.text.includes(a.marker)).length);
      return { creates, replies };
    };
    const settleStart = Date.now();
    await eventually(() => {
      const { creates, replies } = counts();
      return creates.every((n) => n >= 1) && replies.every((n) => n >= 1) ? true : undefined;
    }, 60_000, 'a customer email for every stored create and reply');
    const settledIn = Date.now() - settleStart;
    await sleep(2_000); // a duplicate would come right behind its first copy
    const { creates, replies } = counts();
    const twice = [...expectedCreates.filter((_, i) => creates[i] !== 1), ...expectedReplies.filter((_, i) => replies[i] !== 1)].map((a) => a.marker);
    expect(twice).toEqual([]);
    // Every email, re-sends included, carries a Message-ID: a send repeated after a lost record is
    // then recognisable as the same email, never a second one.
    const unmarked = outboxEmails({ repeats: true }).filter((m) => !m.messageId);
    expect(unmarked).toEqual([]);
    // How long customers waited for their email, per phase of the request that caused it.
    const emails = outboxEmails();
    const waits = [...expectedCreates, ...expectedReplies].map((a) => {
      const mail = emails.find((m) => m.to.includes(a.customerEmail!) && (a.kind === 'create' || m.text.includes(a.marker)))!;
      return { phase: a.phase, ms: Date.parse(mail.receivedAt) - (a.at + a.ms) };
    });
    const slowestWait = phases.map(({ name }) => `${name}: ${Math.max(0, ...waits.filter((w) => w.phase === name).map((w) => w.ms))} ms`).join(', ');
    console.log(
      `Fault suite: ${expectedCreates.length + expectedReplies.length} customer emails, each arrived once (the last ${settledIn} ms after the trickle stopped); longest wait from the answer to the email, by phase: ${slowestWait}`,
    );
  }, 180_000);

  it('a killed PostgreSQL is started again on its data directory; meanwhile the API answers 503 with Retry-After, never another 5xx', async () => {
    await db.end(); // this suite's own connection would only see the kill
    pids.postgres = await pidOf(stack, /\[services\] PostgreSQL ready on 127\.0\.0\.1:\d+, database "firsthand" \(pid (\d+)/);
    const from = stack.lines.length;
    const killedAt = Date.now();
    process.kill(pids.postgres, 'SIGKILL');
    let restarted = false;
    let restartFailed: unknown = null;
    void (async () => {
      await stack.waitFor(/\[services\] PostgreSQL is gone after .*: restarting in 0\.5 s/, 10_000, from);
      pids.postgres = await pidOf(stack, /\[services\] PostgreSQL ready again on 127\.0\.0\.1:\d+ \(pid (\d+)\)/, from);
      restarted = true;
    })().catch((error) => (restartFailed = error));
    // From the kill on, a customer's create and an agent's read each round, until a create succeeds after the restart.
    type Seen = { request: 'create' | 'read'; ms: number; status?: number; retryAfter?: string | null; error?: string };
    const seen: Seen[] = [];
    const probe = async (request: Seen['request'], send: () => Promise<Response>): Promise<Seen> => {
      const at = Date.now();
      const record: Seen = await send().then(
        async (r) => {
          await r.arrayBuffer().catch(() => undefined);
          return { request, ms: at - killedAt, status: r.status, retryAfter: r.headers.get('retry-after') };
        },
        (error: Error & { cause?: { code?: string } }) => ({ request, ms: at - killedAt, error: error.cause?.code ?? error.name }),
      );
      seen.push(record);
      return record;
    };
    await eventually(async () => {
      if (restartFailed) throw restartFailed;
      const afterRestart = restarted;
      const [create] = await Promise.all([
        probe('create', () => api('/api/tickets', { method: 'POST', body: JSON.stringify({ subject: 'after the database came back', description: 'x', customer: { name: 'Pat', email: 'pat@fault.test' } }) })),
        probe('read', () => api(`/api/tickets/${replyTickets[0]!.id}`, { headers: { authorization: agentAuth } })),
      ]);
      return afterRestart && create.status === 201 ? create : undefined;
    }, 60_000, 'a create after PostgreSQL came back');
    const createdAfter = Date.now() - killedAt;
    const tally = new Map<string, number>();
    for (const s of seen) {
      const key = s.status === undefined ? `${s.request} ${s.error}` : `${s.request} ${s.status}${s.retryAfter ? ` (Retry-After: ${s.retryAfter})` : ''}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    const lastError = seen.filter((s) => s.status !== 200 && s.status !== 201).at(-1);
    console.log(
      `Fault suite: PostgreSQL kill -9: the API created again ${createdAfter} ms after the kill (last answer other than 2xx at ${lastError?.ms ?? '-'} ms); ` +
        `answers from the kill on: ${[...tally].map(([k, n]) => `${k} x${n}`).join(', ')}`,
    );
    // A database out of reach is the client's "try again later", not a server fault (apps/api/src/http/database-unavailable.ts).
    const fivexx = seen.filter((s) => s.status !== undefined && s.status >= 500);
    if (fivexx.some((s) => s.status !== 503)) {
      // What the API logged for the 500 says which failure the 503 rule does not yet recognise.
      console.log(`Fault suite: the API's errors after the kill:\n${stack.lines.slice(from).filter((l) => /ERROR|Error/.test(l.text)).map((l) => l.text).join('\n')}`);
    }
    expect(fivexx.filter((s) => s.status !== 503)).toEqual([]);
    expect(fivexx.filter((s) => !/^[1-9]\d*$/.test(s.retryAfter ?? ''))).toEqual([]);
    expect(stack.process.exitCode).toBeNull();
  }, 90_000);

  it('Ctrl-C stops everything in order, with no restart during the shutdown', async () => {
    await db.end().catch(() => undefined);
    const from = stack.lines.length;
    const running = { ...pids };
    stack.process.kill('SIGINT');
    const exit = await stack.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    const after = stack.lines.slice(from).map((l) => l.text);
    const at = (pattern: RegExp) => {
      const i = after.findIndex((t) => pattern.test(t));
      if (i < 0) throw new Error(`no line matching ${pattern} in:\n${after.join('\n')}`);
      return i;
    };
    const order = [
      at(/\[start\] SIGINT received: stopping/),
      at(/\[start\] Stopping api, gateway, worker/),
      at(/\[start\] Stopping outbox/),
      at(/\[start\] Stopping Redis and PostgreSQL/),
      at(/\[services\] Redis stopped\./),
      at(/\[services\] PostgreSQL stopped\./),
      at(/\[start\] Stopped\./),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(after.filter((t) => /restarting in|started again/.test(t))).toEqual([]);
    await eventually(() => (Object.values(running).every((pid) => !alive(pid)) ? true : undefined), 10_000, 'every process of the stack to be gone');
  }, 90_000);
});
