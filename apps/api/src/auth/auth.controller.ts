import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import type { LoginAnswer, LoginOutcome } from '@firsthand/http-contracts';
import type { SignInFailure } from '@firsthand/domain';
import { AgentPrincipals } from '@firsthand/persistence';
import { auditSceneOf } from '../audit/audit-scene.decorator.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { HttpProblem } from '../http/problem.js';
import { LoginThrottle } from '../limits/login-throttle.js';
import { AgentSignIn, type SignInContext } from './agent-sign-in.js';
import { LoginAnswerSchema, SecondFactorChallengeSchema } from './dto/login-answer.schema.js';
import { LoginDto, SecondFactorLoginDto } from './login.dto.js';
import { PasswordHasher } from './password-hasher.js';
import { VerifySecondFactor } from './verify-second-factor.js';

const problemContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

export interface RequestFrom {
  ip: string;
  headers: Record<string, string | string[] | undefined>;
}

export function signInContext(request: RequestFrom, method: SignInContext['method']): SignInContext {
  const userAgent = request.headers['user-agent'];
  return { method, ip: request.ip ?? null, userAgent: typeof userAgent === 'string' ? userAgent : null };
}

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly directory: AgentPrincipals,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly audit: AuditTrail,
    private readonly signIn: AgentSignIn,
    private readonly secondFactor: VerifySecondFactor,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in as an agent, senior, supervisor or admin', description: 'An agent with two-factor sign-in gets a challenge instead of a token: send it with a code to `POST /api/auth/login/second-factor`.' })
  @ApiExtraModels(LoginAnswerSchema, SecondFactorChallengeSchema)
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(LoginAnswerSchema) }, { $ref: getSchemaPath(SecondFactorChallengeSchema) }] } })
  @ApiResponse({ status: 403, description: 'Password sign-in is turned off (FIRSTHAND_PASSWORD_LOGIN=off): sign in with the identity provider (`password-login-off`); or an admin locked the account (`agent-locked`)', content: problemContent })
  @ApiResponse({ status: 429, description: 'Too many failed sign-ins for this account or from this address: wait Retry-After seconds', content: problemContent })
  async login(@Body() body: LoginDto, @Req() request: RequestFrom & { id?: string }): Promise<LoginOutcome> {
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
    if (agent.locked) {
      await failed('locked', agent.id);
      throw new HttpProblem(403, 'agent-locked', 'Account locked', 'An admin has locked this account; ask an admin to unlock it.');
    }
    const outcome = await this.signIn.afterPassword(agent, signInContext(request, 'password'));
    // Only a completed sign-in makes the address known to the account: a second factor still to come does not.
    await attempt.succeeded({ signedIn: 'accessToken' in outcome });
    return outcome;
  }

  @Post('login/second-factor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Finish a sign-in with a code from the authenticator app, or a recovery code' })
  @ApiOkResponse({ type: LoginAnswerSchema })
  @ApiResponse({ status: 401, description: 'Wrong or already used code, or a challenge unknown, expired, used or out of attempts; nothing is signed in', content: problemContent })
  @ApiResponse({ status: 429, description: 'Too many failed codes for this account or from this address: wait Retry-After seconds', content: problemContent })
  async loginSecondFactor(@Body() body: SecondFactorLoginDto, @Req() request: RequestFrom & { id?: string }): Promise<LoginAnswer> {
    return this.secondFactor.execute(body, request.ip, auditSceneOf(request));
  }

  /** With password sign-in off (issue 15), only the break-glass admin may still use one. */
  private refuseWhenPasswordsOff(email: string): void {
    const { enabled, breakGlassEmail } = this.config.passwordLogin;
    if (enabled || email.trim().toLowerCase() === breakGlassEmail) return;
    throw new HttpProblem(403, 'password-login-off', 'Password sign-in is off', 'Sign in with your organisation\'s identity provider.');
  }
}
