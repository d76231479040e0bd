import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LoginAnswer } from '@firsthand/http-contracts';
import { AgentPrincipals } from '@firsthand/persistence';
import { HttpProblem } from '../http/problem.js';
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
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in as an agent, senior, supervisor or admin' })
  @ApiOkResponse({ type: LoginAnswerSchema })
  async login(@Body() body: LoginDto): Promise<LoginAnswer> {
    const agent = await this.directory.findForLogin(body.email);
    const valid = await this.hasher.verify(body.password, agent?.passwordHash ?? null);
    if (!agent || !valid || !agent.active) {
      throw new HttpProblem(401, 'invalid-credentials', 'Invalid credentials', 'Email or password is wrong, or the account is disabled.');
    }
    const accessToken = await this.tokens.issue({ sub: agent.id, role: agent.role });
    return {
      accessToken,
      agent: { id: agent.id, name: agent.name, email: agent.email, role: agent.role, teamId: agent.teamId },
    };
  }
}
