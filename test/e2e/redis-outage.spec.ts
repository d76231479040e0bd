import { REDIS_DEADLINE_MS } from '@firsthand/config';
import { pngOfSize } from '../../libs/attachments/src/testing/sample-files.js';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { eventually } from '../support/notification-sinks.js';
import { OwnRedis, startWorkerStack, type WorkerStack } from '../support/worker-stack.js';

/** What the machine may add to the deadline (two shared cores): a correctness bound, not a benchmark. */
const MARGIN_MS = 1000;

interface Answer {
  what: string;
  status: number;
  ms: number;
}

/**
 * The API's promise on a Redis outage: no request waits on Redis longer than REDIS_DEADLINE_MS,
 * whether Redis is stopped (connections refused) or hung (connections open, nothing answers), and
 * nothing is lost: once Redis is back the worker hands over what the outboxes kept.
 */
describe('requests in flight when Redis goes away', () => {
  let redis: OwnRedis;
  let stack: WorkerStack;
  let f: HelpdeskFactory;
  let li: TestAgent;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    // Uploads over and over, never attached: neither the rate nor the cap on uploads waiting to be attached is what this is about.
    stack = await startWorkerStack({ redis, workers: 1, env: { FIRSTHAND_ATTACHMENT_UPLOADS_PER_MINUTE: '100000', FIRSTHAND_ATTACHMENT_MAX_PENDING_UPLOADS: '100000', FIRSTHAND_ATTACHMENT_MAX_PENDING_BYTES: String(64 * 1024 ** 3) } });
    f = new HelpdeskFactory(stack.api);
    const team = await f.team('Front Desk', true);
    li = await f.agent('agent', team, 'Li Wei');
  });
  afterAll(async () => {
    redis?.thaw();
    await stack?.close();
    await redis?.remove();
  });

  /** A customer's ticket, the agent's claiming reply and a status change, an upload and readiness, over and over until `stop`. */
  async function traffic(stop: () => boolean, answers: Answer[], codes: string[], lane: number): Promise<void> {
    const timed = async (what: string, send: () => PromiseLike<{ status: number; body: unknown }>) => {
      const started = Date.now();
      // Far above the bound: a request that hangs on Redis is measured, not left to the test's timeout.
      const res = await Promise.resolve(send()).then(
        (r) => r,
        () => ({ status: 0, body: {} }),
      );
      answers.push({ what, status: res.status, ms: Date.now() - started });
      return res;
    };
    for (let n = 0; !stop(); n++) {
      const opened = await timed('open', () =>
        stack.api.http.post('/api/tickets').timeout(20_000).send({ subject: `Outage ${lane}-${n}`, description: 'It broke.', channel: 'web', kind: 'problem', customer: { name: `Outage ${lane}`, email: `outage-${lane}-${n}@example.com` } }),
      );
      const ticket = opened.body as { id: string; code: string };
      if (opened.status !== 201) continue;
      codes.push(ticket.code);
      await timed('reply', () => stack.api.http.post(`/api/tickets/${ticket.id}/messages`).timeout(20_000).set(li.auth).send({ body: `Looking into ${ticket.code}`, visibility: 'public' }));
      await timed('status', () => stack.api.http.post(`/api/tickets/${ticket.id}/status`).timeout(20_000).set(li.auth).send({ status: 'pending_customer' }));
      await timed('upload', () => stack.api.http.post('/api/uploads').timeout(20_000).set(li.auth).attach('file', pngOfSize(2048), { filename: 'shot.png', contentType: 'image/png' }));
      await timed('ready', () => stack.api.http.get('/health/ready').timeout(20_000));
    }
  }

  async function outage(goAway: () => Promise<void> | void, comeBack: () => Promise<void> | void) {
    const answers: Answer[] = [];
    const codes: string[] = [];
    let stopped = false;
    const lanes = [0, 1, 2].map((lane) => traffic(() => stopped, answers, codes, lane));
    // Requests are in flight when Redis goes, and keep coming for longer than the deadline.
    await new Promise((r) => setTimeout(r, 500));
    await goAway();
    await new Promise((r) => setTimeout(r, REDIS_DEADLINE_MS + 2000));
    stopped = true;
    await Promise.all(lanes);
    await comeBack();
    return { answers, codes };
  }

  function expectAnsweredInTime(answers: Answer[]) {
    const late = answers.filter((a) => a.ms > REDIS_DEADLINE_MS + MARGIN_MS);
    expect(late).toEqual([]);
    // Ticket changes succeed; an upload is let through uncounted; readiness says Redis is down (503) or up (200).
    expect(answers.filter((a) => a.what !== 'ready' && a.status >= 300)).toEqual([]);
    expect(answers.filter((a) => a.what === 'ready' && ![200, 503].includes(a.status))).toEqual([]);
    expect(answers.filter((a) => a.what === 'reply').length).toBeGreaterThanOrEqual(3);
  }

  /** Every ticket's customer hears of the reply: the outboxes kept what Redis could not take. */
  async function expectEffectsArrive(codes: string[]) {
    try {
      for (const code of codes) {
        await eventually(() => stack.smtp.emails.some((m) => m.text.includes(`Looking into ${code}`)), 60_000, `the reply email of ${code}`);
      }
      await eventually(async () => (await stack.api.database.db.query(`SELECT count(*)::int AS n FROM job_outbox`))[0].n === 0, 30_000, 'an empty job outbox');
    } catch (error) {
      // What the worker said and what the outbox still holds: the clues a rare failure leaves.
      const worker = stack.workers[0]!;
      const outbox = await stack.api.database.db.query(`SELECT event_id, job_id, handed_over_at FROM job_outbox ORDER BY event_id LIMIT 20`);
      throw new Error(
        `${(error as Error).message}\nworker exit: ${worker.child.exitCode ?? worker.child.signalCode ?? 'running'}; job_outbox: ${JSON.stringify(outbox)}\nworker output:\n${worker.output().slice(-4000)}`,
      );
    }
  }

  it('Redis stopped: every request answers within the deadline, and every effect arrives once Redis is back', async () => {
    const { answers, codes } = await outage(() => redis.down(), () => redis.up());
    expectAnsweredInTime(answers);
    await expectEffectsArrive(codes);
  }, 120_000);

  it('Redis hung (connections open, no answer): every request answers within the deadline, and every effect arrives once Redis answers', async () => {
    const { answers, codes } = await outage(() => redis.freeze(), () => redis.thaw());
    expectAnsweredInTime(answers);
    await expectEffectsArrive(codes);
  }, 120_000);
});
