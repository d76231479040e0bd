import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { bucketColumns } from '@firsthand/persistence';
import { rebuildMetricsFromEvents } from '../../apps/api/src/metrics/rebuild-metrics.command.js';
import { HelpdeskFactory } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { freePortForTest } from '../support/free-port.js';
import { TEST_SECRET, testServices } from '../support/test-services.js';

const WRAPPER = resolve('scripts/metrics-rebuild.mjs');
const ROLLUPS = `SELECT to_char(day, 'YYYY-MM-DD') AS day, agent_id, team_id, channel, tier, resolved, first_responder_resolved,
  first_contact_resolved, provisional, reopened, repeat_contacts, handoffs, escalated, first_response_breaches, resolution_breaches,
  sla_breached, csat_sum, csat_count, first_response_hist, resolution_hist
  FROM resolution_rollups ORDER BY day, agent_id NULLS FIRST, team_id NULLS FIRST, channel, tier`;
const GROUP_ROLLUPS = `SELECT dimension, to_char(day, 'YYYY-MM-DD') AS day, key, resolved, first_contact_resolved, sla_breached, csat_count,
  ARRAY[${bucketColumns('resolution').join(', ')}] AS resolution_hist FROM resolution_group_rollups ORDER BY dimension, day, key NULLS FIRST`;
const OUTCOMES = `SELECT ticket_id, to_char(day, 'YYYY-MM-DD') AS day, agent_id, first_responder_resolution, first_contact_resolution,
  reasons, first_response_breached, resolution_breached, csat_rating, outcome_seq FROM ticket_outcomes ORDER BY ticket_id`;

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run metrics:rebuild` as its own OS process (the script npm runs), with only the environment given. */
function runRebuild(env: Record<string, string>): Promise<Finished> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [WRAPPER], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`metrics:rebuild did not finish:\n${stdout}\n${stderr}`));
    }, 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr });
    });
  });
}

describe('npm run metrics:rebuild, as a process', () => {
  let api: ApiHarness;
  let env: Record<string, string>;

  beforeAll(async () => {
    api = await startApi();
    env = { NODE_ENV: 'test', DATABASE_URL: api.database.url, REDIS_URL: testServices().redisUrl, FIRSTHAND_SECRET: TEST_SECRET };
    const f = new HelpdeskFactory(api);
    const team = await f.team('Front Desk', true);
    const [li, sam] = [await f.agent('agent', team, 'Li Na'), await f.agent('agent', team, 'Sam Park')];
    for (const [i, agent] of [li, sam, li].entries()) {
      const t = await f.customerTicket({ channel: i === 1 ? 'email' : 'web' });
      if (i === 2) await api.database.db.query(`UPDATE tickets SET first_response_due_at = now() - interval '1 minute' WHERE id = $1`, [t.id]);
      await api.http.post(`/api/tickets/${t.id}/messages`).set(agent.auth).send({ body: 'Fixed', visibility: 'public' }).expect(201);
      await api.http.post(`/api/tickets/${t.id}/status`).set(agent.auth).send({ status: 'resolved' }).expect(200);
    }
  });
  afterAll(() => api.close());

  it('puts tampered rollups and outcomes back to what the events say, and exits 0', async () => {
    const db = api.database.db;
    const snapshot = async () => ({ rollups: await db.query(ROLLUPS), groups: await db.query(GROUP_ROLLUPS), outcomes: await db.query(OUTCOMES) });
    const incremental = await snapshot();
    expect(incremental.outcomes).toHaveLength(3);
    await db.query(`UPDATE resolution_rollups SET resolved = resolved + 5, first_contact_resolved = 0, sla_breached = 7`);
    await db.query(`DELETE FROM resolution_group_rollups WHERE dimension = 'agent'`);
    await db.query(`DELETE FROM ticket_outcomes WHERE ticket_id = $1`, [incremental.outcomes[0].ticket_id]);
    await db.query(`UPDATE ticket_outcomes SET first_contact_resolution = NOT first_contact_resolution`);

    const run = await runRebuild(env);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Rebuilt metrics from events in \d+ ms: 3 resolved ticket\(s\), \d+ rollup row\(s\); zone Asia\/Shanghai, windows 7\/7 days/);
    const rebuilt = await snapshot();
    expect(rebuilt).toEqual(incremental);
    await rebuildMetricsFromEvents(api.config);
    expect(await snapshot()).toEqual(rebuilt);
  });

  it('refuses a bad configuration with a message naming the variable, exits non-zero and changes nothing', async () => {
    const db = api.database.db;
    await db.query(`UPDATE resolution_rollups SET csat_count = csat_count + 100`);
    const tampered = await db.query(ROLLUPS);

    const run = await runRebuild({ ...env, FIRSTHAND_METRICS_TIME_ZONE: 'Mars/Olympus_Mons', FIRSTHAND_REOPEN_WINDOW_DAYS: 'seven' });

    expect(run.code).toBe(78);
    expect(run.stderr).toContain('FIRSTHAND_METRICS_TIME_ZONE must be an IANA time zone');
    expect(run.stderr).toContain('FIRSTHAND_REOPEN_WINDOW_DAYS');
    expect(await db.query(ROLLUPS)).toEqual(tampered);
    await rebuildMetricsFromEvents(api.config);
  });

  it('without DATABASE_URL and no PostgreSQL from npm start, says how to start one and exits 1', async () => {
    const run = await runRebuild({ PG_PORT: String(await freePortForTest()) });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/DATABASE_URL is not set and nothing listens on 127\.0\.0\.1:\d+ \(PG_PORT\).*npm start/);
    expect(run.stdout).toBe('');
  });
});
