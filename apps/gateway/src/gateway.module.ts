import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FirsthandConfigModule, type FirsthandConfig } from '@firsthand/config';
import { buildDataSourceOptions, PersistenceModule } from '@firsthand/persistence';
import { AgentPresenceKeeper } from './agent-presence-keeper.js';
import { AgentsGateway } from './agents.gateway.js';
import { CustomersGateway } from './customers.gateway.js';
import { GatewayHealthController } from './gateway-health.controller.js';
import { LiveIdentity } from './live-identity.js';
import { PresenceBoard } from './presence-board.js';
import { PresenceFigures } from './presence-figures.js';
import { SocketAccessReview } from './socket-access-review.js';
import { SupervisorsGateway } from './supervisors.gateway.js';
import { SupervisorsWatchingBeacon } from './supervisors-watching-beacon.js';
import { TicketCatchUp } from './ticket-catch-up.js';

/** A gateway node: three namespaces on the Redis adapter, reading PostgreSQL for auth and catch-up. */
@Module({})
export class GatewayModule {
  static forRoot(config: FirsthandConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        FirsthandConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...buildDataSourceOptions(config.databaseUrl, Math.min(config.databasePoolSize, 10), 'firsthand-gateway'), migrationsRun: false }),
        PersistenceModule,
      ],
      controllers: [GatewayHealthController],
      providers: [LiveIdentity, TicketCatchUp, PresenceBoard, PresenceFigures, AgentPresenceKeeper, SocketAccessReview, SupervisorsWatchingBeacon, AgentsGateway, CustomersGateway, SupervisorsGateway],
    };
  }
}
