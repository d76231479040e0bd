import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadConfig, type FirsthandConfig } from '@firsthand/config';
import { buildDataSourceOptions } from '@firsthand/persistence';
import pg from 'pg';
import { DataSource } from 'typeorm';

interface ServicesFile {
  /** The run's throw-away folder, removed by the global teardown. */
  root: string;
  postgresAdminUrl: string;
  redisUrl: string;
  redisPid: number | null;
}

export function testServices(): ServicesFile {
  const file = process.env.FIRSTHAND_TEST_SERVICES;
  if (!file) throw new Error('FIRSTHAND_TEST_SERVICES is not set: run the tests through Jest (npm test)');
  return JSON.parse(readFileSync(file, 'utf8')) as ServicesFile;
}

export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789';

/**
 * Request limits raised out of the way: every suite talks from 127.0.0.1 and shares one Redis, so
 * the production defaults would refuse suites for each other's requests. The limits' own suite
 * (rate-limits.spec.ts) sets tight ones under a namespace of its own.
 */
export const RELAXED_LIMITS: Record<string, string> = {
  FIRSTHAND_LIMIT_API_PER_ADDRESS_PER_MINUTE: '10000000',
  FIRSTHAND_LIMIT_OPEN_TICKETS_PER_ADDRESS_PER_HOUR: '10000000',
  FIRSTHAND_LIMIT_CUSTOMER_REPLIES_PER_TICKET_PER_HOUR: '10000000',
  FIRSTHAND_LIMIT_CUSTOMER_REPLIES_PER_ADDRESS_PER_HOUR: '10000000',
  FIRSTHAND_ATTACHMENT_UPLOADS_PER_MINUTE: '100000',
  FIRSTHAND_LOGIN_ACCOUNT_FREE_FAILURES: '1000',
  FIRSTHAND_LOGIN_ACCOUNT_LOCK_AFTER: '100000',
  FIRSTHAND_LOGIN_ADDRESS_FREE_FAILURES: '100000',
  FIRSTHAND_LOGIN_ADDRESS_LOCK_AFTER: '1000000',
  FIRSTHAND_LIMIT_ARTICLE_SUGGESTIONS_PER_ADDRESS_PER_MINUTE: '10000000',
  FIRSTHAND_LIMIT_DEFLECTIONS_PER_ADDRESS_PER_HOUR: '10000000',
};

/** A config for tests: the same loader the apps use, fed a test environment. */
export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): FirsthandConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: testServices().redisUrl,
    FIRSTHAND_SECRET: TEST_SECRET,
    PASSWORD_HASH_COST: '4',
    API_PORT: '0',
    ...RELAXED_LIMITS,
    // Attachment and mail bytes go to the run's throw-away folder, never the checkout's .data/.
    FIRSTHAND_ATTACHMENTS_DIR: testAttachmentsDir(),
    ...overrides,
  });
}

export function testAttachmentsDir(): string {
  return `${testServices().root}/attachments`;
}

export interface TestDatabase {
  url: string;
  /** A separate connection for the test's own assertions, not shared with the app under test. */
  db: DataSource;
  drop(): Promise<void>;
}

/** A fresh database per test file, migrated exactly as production is (no synchronize). */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const admin = testServices().postgresAdminUrl;
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = admin.replace(/\/postgres$/, `/${name}`);
  const db = new DataSource(buildDataSourceOptions(url, 5, 'firsthand-test'));
  await db.initialize();
  if (options.migrate !== false) await db.runMigrations();
  return {
    url,
    db,
    async drop() {
      await db.destroy();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
