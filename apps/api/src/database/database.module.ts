import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { FirsthandConfig } from '@firsthand/config';
import { buildDataSourceOptions } from '@firsthand/persistence';
import { MigrationRunner } from './migration-runner.js';

/** The API's PostgreSQL connection; migrations run here (under a lock), never in the worker. */
@Module({})
export class DatabaseModule {
  static forRoot(config: FirsthandConfig, applicationName: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot(buildDataSourceOptions(config.databaseUrl, config.databasePoolSize, applicationName))],
      providers: [MigrationRunner],
    };
  }
}
