import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { runPendingMigrations } from '@firsthand/persistence';
import type { DataSource } from 'typeorm';

/** Runs pending migrations before anything else touches the schema (unless FIRSTHAND_RUN_MIGRATIONS=false). */
@Injectable()
export class MigrationRunner implements OnModuleInit {
  private readonly logger = new Logger(MigrationRunner.name);

  constructor(@InjectDataSource() private readonly db: DataSource, @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.api.runMigrations) return;
    for (const name of await runPendingMigrations(this.db)) this.logger.log(`Applied migration ${name}`);
  }
}
