import { Global, Module } from '@nestjs/common';
import { AccessTokens } from './access-tokens.js';
import { AgentAuthGuard } from './agent-auth.guard.js';
import { AuthController } from './auth.controller.js';
import { BootstrapAdmin } from './bootstrap-admin.js';
import { PasswordHasher } from './password-hasher.js';

@Global()
@Module({
  controllers: [AuthController],
  providers: [AccessTokens, PasswordHasher, AgentAuthGuard, BootstrapAdmin],
  exports: [AccessTokens, PasswordHasher, AgentAuthGuard],
})
export class AuthModule {}
