import { Module, type DynamicModule } from '@nestjs/common';
import { FirsthandConfigModule, type FirsthandConfig } from '@firsthand/config';
import { GatewayHealthController } from './gateway-health.controller.js';

/** Socket.io namespaces for agents, customers and supervisors are added here by the live-status work. */
@Module({})
export class GatewayModule {
  static forRoot(config: FirsthandConfig): DynamicModule {
    return { module: GatewayModule, imports: [FirsthandConfigModule.forRoot(config)], controllers: [GatewayHealthController] };
  }
}
