import { Global, Module } from '@nestjs/common';
import { AccessTokens } from './access-tokens.js';
import { AgentAuthGuard } from './agent-auth.guard.js';
import { AgentLockController } from './agent-lock.controller.js';
import { AgentSignIn } from './agent-sign-in.js';
import { AuthController } from './auth.controller.js';
import { BootstrapAdmin } from './bootstrap-admin.js';
import { PasswordHasher } from './password-hasher.js';
import { ZxcvbnPasswordGuessing } from './password-guessing.js';
import { SecondFactorEnrolment } from './second-factor-enrolment.js';
import { SecondFactorSecrets } from './second-factor-secrets.js';
import { SessionsController } from './sessions.controller.js';
import { TwoFactorController } from './two-factor.controller.js';
import { VerifySecondFactor } from './verify-second-factor.js';

@Global()
@Module({
  controllers: [AuthController, SessionsController, TwoFactorController, AgentLockController],
  providers: [AccessTokens, PasswordHasher, AgentAuthGuard, BootstrapAdmin, ZxcvbnPasswordGuessing, AgentSignIn, SecondFactorSecrets, VerifySecondFactor, SecondFactorEnrolment],
  exports: [AccessTokens, PasswordHasher, AgentAuthGuard, ZxcvbnPasswordGuessing, AgentSignIn],
})
export class AuthModule {}
