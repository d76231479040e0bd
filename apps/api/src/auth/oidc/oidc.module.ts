import { Module } from '@nestjs/common';
import { HealthModule } from '../../health/health.module.js';
import { OidcController } from './oidc.controller.js';
import { OidcProviderClient } from './oidc-provider-client.js';
import { SignInCodes } from './sign-in-codes.js';

/** OpenID Connect sign-in for agents (issue 15); its routes answer 404 when no provider is configured. */
@Module({ imports: [HealthModule], controllers: [OidcController], providers: [OidcProviderClient, SignInCodes] })
export class OidcModule {}
