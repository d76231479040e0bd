import { Injectable } from '@nestjs/common';
import type { LoginAnswer } from '@firsthand/http-contracts';
import type { AgentPrincipal } from '@firsthand/persistence';
import { AgentSignIn } from '../agent-sign-in.js';

export interface SignInContext {
  method: 'oidc';
  ip: string;
  userAgent: string | null;
}

/**
 * The one step that signs an agent in after single sign-on: the shared sign-in (a revocable
 * session and its token). The identity provider owns the second factor, so no TOTP challenge here.
 */
@Injectable()
export class SignInHandover {
  constructor(private readonly signIn: AgentSignIn) {}

  complete(agent: AgentPrincipal, context: SignInContext): Promise<LoginAnswer> {
    return this.signIn.complete(agent, context);
  }
}
