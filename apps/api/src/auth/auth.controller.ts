import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { LoginAnswer, LoginOutcome } from '@firsthand/http-contracts';
import { AgentPrincipals } from '@firsthand/persistence';
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
    private readonly signIn: AgentSignIn,
    private readonly secondFactor: VerifySecondFactor,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in as an agent, senior, supervisor or admin', description: 'An agent with two-factor sign-in gets a challenge instead of a token: send it with a code to `POST /api/auth/login/second-factor`.' })
  @ApiExtraModels(LoginAnswerSchema, SecondFactorChallengeSchema)
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(LoginAnswerSchema) }, { $ref: getSchemaPath(SecondFactorChallengeSchema) }] } })
  @ApiResponse({ status: 429, description: 'Too many failed sign-ins for this account or from this address: wait Retry-After seconds', content: problemContent })
  async login(@Body() body: LoginDto, @Req() request: RequestFrom): Promise<LoginOutcome> {
    const attempt = await this.throttle.begin(body.email, request.ip);
    const agent = await this.directory.findForLogin(body.email);
    const valid = await this.hasher.verify(body.password, agent?.passwordHash ?? null);
    if (!agent || !valid || !agent.active) {
      throw new HttpProblem(401, 'invalid-credentials', 'Invalid credentials', 'Email or password is wrong, or the account is disabled.');
    }
    if (agent.locked) throw new HttpProblem(403, 'agent-locked', 'Account locked', 'An admin has locked this account; ask an admin to unlock it.');
    await attempt.succeeded();
    return this.signIn.afterPassword(agent, signInContext(request, 'password'));
  }

  @Post('login/second-factor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Finish a sign-in with a code from the authenticator app, or a recovery code' })
  @ApiOkResponse({ type: LoginAnswerSchema })
  @ApiResponse({ status: 401, description: 'Wrong or already used code, or a challenge unknown, expired, used or out of attempts; nothing is signed in', content: problemContent })
  @ApiResponse({ status: 429, description: 'Too many failed codes for this account or from this address: wait Retry-After seconds', content: problemContent })
  async loginSecondFactor(@Body() body: SecondFactorLoginDto, @Req() request: RequestFrom): Promise<LoginAnswer> {
    return this.secondFactor.execute(body, request.ip);
  }
}
