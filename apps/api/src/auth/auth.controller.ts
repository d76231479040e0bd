import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import type { LoginAnswer } from '@firsthand/http-contracts';
import type { SignInFailure } from '@firsthand/domain';
import { AgentPrincipals } from '@firsthand/persistence';
import { auditSceneOf } from '../audit/audit-scene.decorator.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { HttpProblem } from '../http/problem.js';
import { LoginThrottle } from '../limits/login-throttle.js';
import { AccessTokens } from './access-tokens.js';
import { LoginAnswerSchema } from './dto/login-answer.schema.js';
import { LoginDto } from './login.dto.js';
import { PasswordHasher } from './password-hasher.js';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly directory: AgentPrincipals,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokens,
    private readonly throttle: LoginThrottle,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly audit: AuditTrail,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in as an agent, senior, supervisor or admin' })
  @ApiOkResponse({ type: LoginAnswerSchema })
  @ApiResponse({ status: 403, description: 'Password sign-in is turned off (FIRSTHAND_PASSWORD_LOGIN=off): sign in with the identity provider (`password-login-off`)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })
  @ApiResponse({ status: 429, description: 'Too many failed sign-ins for this account or from this address: wait Retry-After seconds', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })
  async login(@Body() body: LoginDto, @Req() request: { ip: string; headers: Record<string, string | string[] | undefined>; id?: string }): Promise<LoginAnswer> {
    const scene = auditSceneOf(request);
    const failed = (reason: SignInFailure, agentId: string | null) =>
      this.audit.recordAlone(scene, { action: 'sign_in.failed', target: { type: 'agent', id: agentId, label: body.email.trim().toLowerCase() }, after: { method: 'password', reason } });
    try {
      this.refuseWhenPasswordsOff(body.email);
    } catch (error) {
      await failed('password_login_off', null);
      throw error;
    }
    const attempt = await this.throttle.begin(body.email, request.ip).catch(async (error: unknown) => {
      await failed('throttled', null);
      throw error;
    });
    const agent = await this.directory.findForLogin(body.email);
    const valid = await this.hasher.verify(body.password, agent?.passwordHash ?? null);
    // The break-glass account keeps its password only while it is an admin.
    const breakGlassLost = !this.config.passwordLogin.enabled && agent?.role !== 'admin';
    if (!agent || !valid || !agent.active || breakGlassLost) {
      await failed(!agent ? 'unknown_email' : !valid ? 'wrong_password' : !agent.active ? 'disabled' : 'password_login_off', agent?.id ?? null);
      throw new HttpProblem(401, 'invalid-credentials', 'Invalid credentials', 'Email or password is wrong, or the account is disabled.');
    }
    await attempt.succeeded();
    await this.audit.recordAlone(auditSceneOf(request, { type: 'agent', id: agent.id, name: agent.name, role: agent.role }), {
      action: 'sign_in.succeeded', target: { type: 'agent', id: agent.id, label: agent.email }, after: { method: 'password' },
    });
    const accessToken = await this.tokens.issue({ sub: agent.id, role: agent.role });
    return {
      accessToken,
      agent: { id: agent.id, name: agent.name, email: agent.email, role: agent.role, teamId: agent.teamId },
    };
  }

  /** With password sign-in off (issue 15), only the break-glass admin may still use one. */
  private refuseWhenPasswordsOff(email: string): void {
    const { enabled, breakGlassEmail } = this.config.passwordLogin;
    if (enabled || email.trim().toLowerCase() === breakGlassEmail) return;
    throw new HttpProblem(403, 'password-login-off', 'Password sign-in is off', 'Sign in with your organisation\'s identity provider.');
  }
}
