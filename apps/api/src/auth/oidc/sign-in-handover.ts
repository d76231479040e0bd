import { Injectable } from '@nestjs/common';
import type { LoginAnswer } from '@firsthand/http-contracts';
import type { AgentPrincipal } from '@firsthand/persistence';
import { AccessTokens } from '../access-tokens.js';

export interface SignInContext {
  method: 'oidc';
  ip: string;
  userAgent: string | null;
}

/**
 * The one step that signs an agent in after single sign-on and hands out its access token. Kept
 * alone so that sessions (revocable sign-ins) replace only this: call the shared sign-in here.
 */
@Injectable()
export class SignInHandover {
  constructor(private readonly tokens: AccessTokens) {}

  async complete(agent: AgentPrincipal, _context: SignInContext): Promise<LoginAnswer> {
    const accessToken = await this.tokens.issue({ sub: agent.id, role: agent.role });
    return { accessToken, agent: { id: agent.id, name: agent.name, email: agent.email, role: agent.role, teamId: agent.teamId } };
  }
}
