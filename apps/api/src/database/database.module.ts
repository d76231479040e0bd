import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { FirsthandConfig } from '@firsthand/config';
import { buildDataSourceOptions } from '@firsthand/persistence';

/** The PostgreSQL connection for a process; migrations run only where `runMigrations` says. */
@Module({})
export class DatabaseModule {
  static forRoot(config: FirsthandConfig, applicationName: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...buildDataSourceOptions(config.databaseUrl, config.databasePoolSize, applicationName),
          migrationsRun: config.api.runMigrations,
        }),
      ],
    };
  }
}
