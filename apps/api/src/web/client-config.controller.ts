import { Controller, Get, Header, Inject, Req } from '@nestjs/common';
import { ApiOperation, ApiExcludeController } from '@nestjs/swagger';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import type { AttachmentLimitsView } from '@firsthand/http-contracts';
import { gatewayUrlFor } from './web-pages.js';

// Operational, not part of the API's contract: docs/api.md lists it.
@ApiExcludeController()
@Controller('api/client-config')
export class ClientConfigController {
  constructor(@Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig) {}

  @Get()
  @Header('cache-control', 'no-cache')
  @ApiOperation({ summary: 'What the browser app needs at run time: the gateway URL its sockets connect to, single sign-on, and the attachment limits' })
  get(@Req() request: { protocol: string; hostname: string }) {
    const { maxFileBytes, maxFilesPerMessage, maxMessageBytes } = this.config.attachments;
    return {
      gatewayUrl: gatewayUrlFor(this.config.web.publicGatewayUrl, request, this.config.gateway.port),
      // Single sign-on (issue 15): whether to offer "Sign in with <provider>", and whether the password form still works.
      sso: this.config.oidc ? { providerName: this.config.oidc.providerName, startPath: '/api/auth/oidc/start' } : null,
      passwordLogin: this.config.passwordLogin.enabled,
      // So a page can say a message's files are too many or too large before it sends them.
      attachments: { maxFileBytes, maxFilesPerMessage, maxMessageBytes } satisfies AttachmentLimitsView,
    };
  }
}
