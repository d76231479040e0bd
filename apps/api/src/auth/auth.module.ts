import { Global, Module } from '@nestjs/common';
import { AccessTokens } from './access-tokens.js';
import { AgentAuthGuard } from './agent-auth.guard.js';
import { AuthController } from './auth.controller.js';
import { BootstrapAdmin } from './bootstrap-admin.js';
import { PasswordHasher } from './password-hasher.js';
import { ZxcvbnPasswordGuessing } from './password-guessing.js';

@Global()
@Module({
  controllers: [AuthController],
  providers: [AccessTokens, PasswordHasher, AgentAuthGuard, BootstrapAdmin, ZxcvbnPasswordGuessing],
  exports: [AccessTokens, PasswordHasher, AgentAuthGuard, ZxcvbnPasswordGuessing],
})
export class AuthModule {}
