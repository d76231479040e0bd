import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { LoginAnswer } from '@firsthand/http-contracts';
import { AgentPrincipals } from '@firsthand/persistence';
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
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in as an agent, senior, supervisor or admin' })
  @ApiOkResponse({ type: LoginAnswerSchema })
  @ApiResponse({ status: 429, description: 'Too many failed sign-ins for this account or from this address: wait Retry-After seconds', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })
  async login(@Body() body: LoginDto, @Req() request: { ip: string }): Promise<LoginAnswer> {
    const attempt = await this.throttle.begin(body.email, request.ip);
    const agent = await this.directory.findForLogin(body.email);
    const valid = await this.hasher.verify(body.password, agent?.passwordHash ?? null);
    if (!agent || !valid || !agent.active) {
      throw new HttpProblem(401, 'invalid-credentials', 'Invalid credentials', 'Email or password is wrong, or the account is disabled.');
    }
    await attempt.succeeded();
    const accessToken = await this.tokens.issue({ sub: agent.id, role: agent.role });
    return {
      accessToken,
      agent: { id: agent.id, name: agent.name, email: agent.email, role: agent.role, teamId: agent.teamId },
    };
  }
}
