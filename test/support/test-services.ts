import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadConfig, type FirsthandConfig } from '@firsthand/config';
import { buildDataSourceOptions } from '@firsthand/persistence';
import pg from 'pg';
import { DataSource } from 'typeorm';

interface ServicesFile {
  /** The run's throw-away folder, removed by the global teardown. */
  root: string;
  /** The Jest process of the run. */
  jestPid: number;
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
  FIRSTHAND_LOGIN_ACCOUNT_ADDRESS_FREE_FAILURES: '1000',
  FIRSTHAND_LOGIN_ACCOUNT_ADDRESS_LOCK_AFTER: '100000',
  FIRSTHAND_LOGIN_ACCOUNT_FREE_FAILURES: '100000',
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

/**
 * The run's migrated template: the first test file that needs a database migrates this one, exactly
 * as production migrates (no synchronize); every later file gets a copy of it (CREATE DATABASE ...
 * TEMPLATE), which costs about a third of running the migrations again in every file.
 */
const MIGRATED_TEMPLATE = 'firsthand_migrated_template';
/** Any constant: the advisory lock that lets one Jest worker migrate the template while the other waits. */
const TEMPLATE_LOCK = 742_019;

async function ensureMigratedTemplate(admin: string): Promise<void> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    // Marked a template only once it is fully migrated: a worker killed half-way leaves an unmarked one, made again here.
    const found = await client.query<{ datistemplate: boolean }>('SELECT datistemplate FROM pg_database WHERE datname = $1', [MIGRATED_TEMPLATE]);
    if (found.rows[0]?.datistemplate) return;
    if (found.rows.length > 0) await client.query(`DROP DATABASE ${MIGRATED_TEMPLATE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${MIGRATED_TEMPLATE}`);
    const db = new DataSource(buildDataSourceOptions(admin.replace(/\/postgres$/, `/${MIGRATED_TEMPLATE}`), 2, 'firsthand-test-template'));
    await db.initialize();
    try {
      await db.runMigrations();
    } finally {
      await db.destroy(); // a template must have no connections when it is copied
    }
    await client.query(`ALTER DATABASE ${MIGRATED_TEMPLATE} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]).catch(() => undefined);
    await client.end();
  }
}

/** A fresh database per test file, migrated exactly as production is (a copy of the run's migrated template); `migrate: false` gives an empty one. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const admin = testServices().postgresAdminUrl;
  const name = `t_${randomBytes(6).toString('hex')}`;
  const migrate = options.migrate !== false;
  if (migrate) await ensureMigratedTemplate(admin);
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(migrate ? `CREATE DATABASE ${name} TEMPLATE ${MIGRATED_TEMPLATE}` : `CREATE DATABASE ${name}`);
  await client.end();
  const url = admin.replace(/\/postgres$/, `/${name}`);
  const db = new DataSource(buildDataSourceOptions(url, 5, 'firsthand-test'));
  await db.initialize();
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
