import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FirsthandConfigModule, type FirsthandConfig } from '@firsthand/config';
import { buildDataSourceOptions } from '@firsthand/persistence';
import { LiveOutboxRelay } from './live-relay/live-outbox-relay.js';
import { RedisConnections } from './redis-connections.js';
import { TicketMaintenanceProcessor } from './ticket-maintenance/ticket-maintenance.processor.js';

/** Headless: no HTTP. Migrations are the API's job, never the worker's. */
@Module({})
export class WorkerModule {
  static forRoot(config: FirsthandConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        FirsthandConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...buildDataSourceOptions(config.databaseUrl, config.databasePoolSize, 'firsthand-worker'), migrationsRun: false }),
      ],
      providers: [RedisConnections, TicketMaintenanceProcessor, LiveOutboxRelay],
    };
  }
}
