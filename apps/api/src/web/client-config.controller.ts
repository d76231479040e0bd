import { Controller, Get, Header, Inject, Req } from '@nestjs/common';
import { ApiOperation, ApiExcludeController } from '@nestjs/swagger';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { gatewayUrlFor } from './web-pages.js';

// Operational, not part of the API's contract: docs/api.md lists it.
@ApiExcludeController()
@Controller('api/client-config')
export class ClientConfigController {
  constructor(@Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig) {}

  @Get()
  @Header('cache-control', 'no-cache')
  @ApiOperation({ summary: 'What the browser app needs at run time: the gateway URL its sockets connect to' })
  get(@Req() request: { protocol: string; hostname: string }) {
    return { gatewayUrl: gatewayUrlFor(this.config.web.publicGatewayUrl, request, this.config.gateway.port) };
  }
}
