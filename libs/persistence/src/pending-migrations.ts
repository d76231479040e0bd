import type { DataSource } from 'typeorm';

/** Arbitrary but fixed: every process that migrates contends for the same PostgreSQL advisory lock. */
const MIGRATION_LOCK_KEY = 7_341_002;

/**
 * Runs the pending migrations, each in its own transaction, and returns the names of those it
 * applied. TypeORM does not lock migrations, so several API replicas starting together take turns
 * on an advisory lock; the ones that come after find nothing left to run.
 */
export async function runPendingMigrations(db: DataSource): Promise<string[]> {
  const session = db.createQueryRunner();
  await session.connect();
  try {
    await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return (await db.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
  } finally {
    await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await session.release();
  }
}
