import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { HelpdeskFactory } from '../../factories/helpdesk.factory.js';
import { startAppProcess, type AppProcess } from '../../support/app-process.js';
import { freePortForTest } from '../../support/free-port.js';
import { createTestDatabase, TEST_SECRET, testServices, type TestDatabase } from '../../support/test-services.js';

export interface WebStack {
  /** Where the browser opens the pages: the API serving the built web app. */
  baseUrl: string;
  gatewayUrl: string;
  database: TestDatabase;
  http: ReturnType<typeof request>;
  factory: HelpdeskFactory;
  stop(): Promise<void>;
}

/**
 * The built API (serving dist/web) and a gateway as real processes on a fresh database, wired the
 * way a deployment is: the API tells pages where the gateway is, the gateway accepts only the
 * API's origin. The gateway port is chosen first because the API announces it. With `workerEnv`
 * (its notification providers) a worker process runs too.
 */
export async function startWebStack(options: { workerEnv?: Record<string, string> } = {}): Promise<WebStack> {
  const database = await createTestDatabase();
  const gatewayPort = await freePortForTest();
  const common = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url,
    REDIS_URL: testServices().redisUrl,
    FIRSTHAND_SECRET: TEST_SECRET,
    GATEWAY_PORT: String(gatewayPort),
    // Its own queues in the shared Redis, so another suite's worker never takes this one's jobs.
    QUEUE_PREFIX: `w${randomBytes(4).toString('hex')}`,
    ...(options.workerEnv ?? {}),
  };
  const processes: AppProcess[] = [];
  try {
    const api = await startAppProcess('api', { ...common, API_PORT: '0', FIRSTHAND_RUN_MIGRATIONS: 'false' });
    processes.push(api);
    const baseUrl = `http://127.0.0.1:${api.port}`;
    processes.push(await startAppProcess('gateway', { ...common, GATEWAY_ALLOWED_ORIGINS: baseUrl }));
    if (options.workerEnv) processes.push(await startAppProcess('worker', { ...common, WORKER_SWEEP_EVERY_SECONDS: '1', WORKER_STALLED_INTERVAL_MS: '1000' }));
    const http = request(baseUrl);
    return {
      baseUrl,
      gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
      database,
      http,
      factory: new HelpdeskFactory({ database, http }),
      async stop() {
        await Promise.all(processes.map((p) => p.stop()));
        await database.drop();
      },
    };
  } catch (error) {
    await Promise.all(processes.map((p) => p.stop()));
    await database.drop();
    throw error;
  }
}
