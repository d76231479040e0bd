import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FirsthandConfig } from '@firsthand/config';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { createTestDatabase, testConfig, type TestDatabase } from './test-services.js';

export interface ApiHarness {
  app: NestFastifyApplication;
  config: FirsthandConfig;
  database: TestDatabase;
  http: ReturnType<typeof request>;
  close(): Promise<void>;
}

/** The real API (Fastify, pipes, filters) on a fresh, migrated database, driven over real HTTP. */
export async function startApi(env: Record<string, string> = {}): Promise<ApiHarness> {
  const database = await createTestDatabase();
  const config = testConfig(database.url, { FIRSTHAND_RUN_MIGRATIONS: 'false', ...env });
  const app = await createApiApp(config);
  return {
    app,
    config,
    database,
    http: request(app.getHttpServer()),
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
