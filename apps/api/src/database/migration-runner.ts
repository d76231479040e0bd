import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import type { DataSource } from 'typeorm';

/** Arbitrary but fixed: every API process contends for the same PostgreSQL advisory lock. */
const MIGRATION_LOCK_KEY = 7_341_002;

/**
 * Runs pending migrations before anything else touches the schema. TypeORM does not lock
 * migrations, so several API replicas starting together take turns on an advisory lock; the ones
 * that come after find nothing left to run.
 */
@Injectable()
export class MigrationRunner implements OnModuleInit {
  private readonly logger = new Logger(MigrationRunner.name);

  constructor(@InjectDataSource() private readonly db: DataSource, @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.api.runMigrations) return;
    const session = this.db.createQueryRunner();
    await session.connect();
    try {
      await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      const applied = await this.db.runMigrations({ transaction: 'each' });
      for (const migration of applied) this.logger.log(`Applied migration ${migration.name}`);
    } finally {
      await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      await session.release();
    }
  }
}
