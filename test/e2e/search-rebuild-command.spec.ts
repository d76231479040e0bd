import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { TicketStore } from '@firsthand/persistence';
import { DataSource } from 'typeorm';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { freePortForTest } from '../support/free-port.js';
import { TEST_SECRET, testServices } from '../support/test-services.js';

const WRAPPER = resolve('scripts/search-rebuild.mjs');
const DOCUMENTS = `SELECT ticket_id, public_doc::text AS public_doc, internal_doc::text AS internal_doc FROM ticket_search ORDER BY ticket_id`;

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run search:rebuild` as its own OS process (the script npm runs), with only the environment given. */
function runRebuild(env: Record<string, string>): Promise<Finished> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [WRAPPER], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`search:rebuild did not finish:\n${stdout}\n${stderr}`));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr });
    });
  });
}

describe('npm run search:rebuild, as a process', () => {
  let api: ApiHarness;
  let env: Record<string, string>;
  let f: HelpdeskFactory;
  let li: TestAgent;
  const tickets: Array<{ id: string; code: string; trackingToken: string }> = [];

  beforeAll(async () => {
    api = await startApi();
    env = { NODE_ENV: 'test', DATABASE_URL: api.database.url, REDIS_URL: testServices().redisUrl, FIRSTHAND_SECRET: TEST_SECRET };
    f = new HelpdeskFactory(api);
    const team = await f.team('Front Desk', true);
    li = await f.agent('agent', team, 'Li Wei');
    for (let i = 0; i < 5; i += 1) {
      const t = await f.customerTicket({ subject: `打印机卡纸 ${i}`, description: 'Printer jammed again' });
      await api.http.post(`/api/tickets/${t.id}/claim`).set(li.auth).expect(200);
      await api.http.post(`/api/tickets/${t.id}/messages`).set(li.auth).send({ body: `回复 ${i}：请重启设备`, visibility: 'public' }).expect(201);
      await api.http.post(`/api/tickets/${t.id}/messages`).set(li.auth).send({ body: `note ${i} pangolin`, visibility: 'internal' }).expect(201);
      tickets.push(t);
    }
  });
  afterAll(() => api.close());

  const found = async (q: string) => (await api.http.get('/api/search').query({ q, limit: 50 }).set(li.auth).expect(200)).body.items.length as number;

  it('rebuilds lost and damaged documents to what the write path wrote, in batches, and exits 0', async () => {
    const db = api.database.db;
    const written = await db.query(DOCUMENTS);
    expect(written).toHaveLength(5);
    await db.query(`DELETE FROM ticket_search WHERE ticket_id = ANY($1::uuid[])`, [[tickets[0].id, tickets[1].id]]);
    await db.query(`UPDATE ticket_search SET public_doc = ''::tsvector, internal_doc = ''::tsvector`);
    expect(await found('重启设备')).toBe(0);

    const run = await runRebuild({ ...env, SEARCH_REBUILD_BATCH: '2' });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Rebuilt the search index in \d+ ms: 5 ticket\(s\) in 3 batch\(es\) of up to 2\./);
    expect(await db.query(DOCUMENTS)).toEqual(written);
    expect(await found('重启设备')).toBe(5);
    expect(await found('pangolin')).toBe(5);
  });

  it('loses no change made while it runs', async () => {
    const writes = (async () => {
      for (let round = 0; round < 3; round += 1) {
        await Promise.all(
          tickets.map((t, i) => api.http.post(`/api/tickets/${t.id}/messages`).set(li.auth).send({ body: `during rebuild quokka${round}x${i}`, visibility: 'public' }).expect(201)),
        );
      }
    })();
    const run = await runRebuild({ ...env, SEARCH_REBUILD_BATCH: '1' });
    await writes;
    expect(run.code).toBe(0);
    for (let round = 0; round < 3; round += 1) {
      for (let i = 0; i < tickets.length; i += 1) expect({ word: `quokka${round}x${i}`, hits: await found(`quokka${round}x${i}`) }).toEqual({ word: `quokka${round}x${i}`, hits: 1 });
    }
  });

  it('waits for a change in flight and keeps it', async () => {
    // A note written by the real write path (TicketStore.apply) in a transaction held open while the
    // rebuild starts: the rebuild must wait for it rather than overwrite it with what it read before.
    const ticket = tickets[2];
    const runner = api.app.get(DataSource).createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    let run: Promise<Finished> | null = null;
    try {
      const store = api.app.get(TicketStore);
      const locked = (await store.lockForChange(runner.manager, ticket.id))!;
      const messageId = randomUUID();
      const body = 'in flight wallabyflight';
      await store.apply(
        runner.manager,
        locked.ticket,
        {
          patch: {},
          events: [{ type: 'internal_note_added', visibility: 'internal', actor: { type: 'agent', id: li.id, name: li.name }, payload: { messageId, body } }],
          message: { id: messageId, visibility: 'internal', body, authorType: 'agent', authorId: li.id },
        },
        new Date(),
      );
      run = runRebuild({ ...env, SEARCH_REBUILD_BATCH: '1' });
      await new Promise((r) => setTimeout(r, 1500));
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect((await run!).code).toBe(0);
    expect(await found('wallabyflight')).toBe(1);
  });

  it('refuses a bad batch size, exits 78 and changes nothing', async () => {
    const before = await api.database.db.query(DOCUMENTS);
    const run = await runRebuild({ ...env, SEARCH_REBUILD_BATCH: 'lots' });
    expect(run.code).toBe(78);
    expect(run.stderr).toContain('SEARCH_REBUILD_BATCH=lots');
    expect(await api.database.db.query(DOCUMENTS)).toEqual(before);
  });

  it('without DATABASE_URL and no PostgreSQL from npm start, says how to start one and exits 1', async () => {
    const run = await runRebuild({ PG_PORT: String(await freePortForTest()) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('npm start');
  });
});
