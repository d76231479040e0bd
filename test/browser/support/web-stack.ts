import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { HelpdeskFactory } from '../../factories/helpdesk.factory.js';
import { startAppProcess, startSideBySide, type AppProcess } from '../../support/app-process.js';
import { freePortForTest } from '../../support/free-port.js';
import { createTestDatabase, RELAXED_LIMITS, TEST_SECRET, testServices, type TestDatabase } from '../../support/test-services.js';

export interface WebStack {
  /** Where the browser opens the pages: the API serving the built web app. */
  baseUrl: string;
  gatewayUrl: string;
  database: TestDatabase;
  http: ReturnType<typeof request>;
  factory: HelpdeskFactory;
  /** What the worker printed so far (empty without one): e.g. the inbound SMTP port it listens on. */
  workerOutput(): string;
  stop(): Promise<void>;
}

/**
 * The built API (serving dist/web) and a gateway as real processes on a fresh database, wired the
 * way a deployment is: the API tells pages where the gateway is, the gateway accepts only the
 * API's origin. The gateway port is chosen first because the API announces it. With `workerEnv`
 * (its notification providers) a worker process runs too.
 */
export async function startWebStack(options: { workerEnv?: Record<string, string>; apiEnv?: Record<string, string>; apiPort?: number } = {}): Promise<WebStack> {
  const database = await createTestDatabase();
  const gatewayPort = await freePortForTest();
  // Uploads and kept mails of this run, shared by the API and the worker, removed at the end.
  const files = mkdtempSync(join(tmpdir(), 'firsthand-web-files-'));
  const common = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url,
    REDIS_URL: testServices().redisUrl,
    FIRSTHAND_SECRET: TEST_SECRET,
    ...RELAXED_LIMITS,
    GATEWAY_PORT: String(gatewayPort),
    // Its own queues in the shared Redis, so another suite's worker never takes this one's jobs.
    QUEUE_PREFIX: `w${randomBytes(4).toString('hex')}`,
    FIRSTHAND_ATTACHMENTS_DIR: files,
    ...(options.workerEnv ?? {}),
  };
  const processes: AppProcess[] = [];
  try {
    // apiPort/apiEnv: for settings that must name the API's own address up front (an OpenID redirect URI).
    // The API's port is chosen first so that the gateway (which allows the API's origin) and the
    // worker can start beside it: each process spends seconds loading.
    const apiPort = options.apiPort ?? (await freePortForTest());
    const baseUrl = `http://127.0.0.1:${apiPort}`;
    const [, , worker] = await startSideBySide(
      [
        startAppProcess('api', { ...common, API_PORT: String(apiPort), FIRSTHAND_RUN_MIGRATIONS: 'false', ...(options.apiEnv ?? {}) }),
        startAppProcess('gateway', { ...common, GATEWAY_ALLOWED_ORIGINS: baseUrl }),
        options.workerEnv ? startAppProcess('worker', { ...common, WORKER_SWEEP_EVERY_SECONDS: '1', WORKER_STALLED_INTERVAL_MS: '1000' }) : null,
      ],
      processes,
    );
    const http = request(baseUrl);
    return {
      baseUrl,
      gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
      database,
      http,
      factory: new HelpdeskFactory({ database, http }),
      workerOutput: () => worker?.output() ?? '',
      async stop() {
        await Promise.all(processes.map((p) => p.stop()));
        await database.drop();
        rmSync(files, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all(processes.map((p) => p.stop()));
    await database.drop();
    rmSync(files, { recursive: true, force: true });
    throw error;
  }
}
