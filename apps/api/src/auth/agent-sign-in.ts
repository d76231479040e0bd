import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import type { LoginAnswer, LoginOutcome, SignedInAgent } from '@firsthand/http-contracts';
import { AgentSessions, SecondFactors, type SignInMethod } from '@firsthand/persistence';
import { AuditTrail } from '../audit/audit-trail.js';
import { AccessTokens } from './access-tokens.js';

/** Where a sign-in comes from, kept on its session for the agent's list of sessions. */
export interface SignInContext {
  method: SignInMethod;
  ip: string | null;
  userAgent: string | null;
}

/** A second-factor challenge lives this long and allows this many codes. */
export const CHALLENGE_TTL_SECONDS = 300;
export const CHALLENGE_MAX_ATTEMPTS = 5;

export const challengeHash = (challenge: string) => createHash('sha256').update(challenge).digest('hex');

/**
 * The one way an agent becomes signed in: a server-side session is opened and a token naming it
 * issued. Password sign-in goes through `afterPassword` (a challenge first when the agent has a
 * second factor); single sign-on and a verified second factor call `complete` directly.
 */
@Injectable()
export class AgentSignIn {
  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly sessions: AgentSessions,
    private readonly secondFactors: SecondFactors,
    private readonly tokens: AccessTokens,
    private readonly audit: AuditTrail,
  ) {}

  /** The password was right: a second-factor challenge for an enrolled agent, otherwise the sign-in. */
  async afterPassword(agent: SignedInAgent, context: SignInContext): Promise<LoginOutcome> {
    const factor = await this.secondFactors.find(agent.id);
    if (!factor?.confirmed) return this.complete(agent, context);
    const challenge = randomBytes(32).toString('base64url');
    await this.secondFactors.openChallenge(challengeHash(challenge), { agentId: agent.id, method: context.method, address: context.ip, userAgent: context.userAgent }, CHALLENGE_TTL_SECONDS);
    return { secondFactorRequired: true, challenge, expiresAt: new Date(Date.now() + CHALLENGE_TTL_SECONDS * 1000).toISOString() };
  }

  /**
   * Opens a session and issues its token. A password sign-in of a role that must have a second
   * factor, by an agent without one, gets a token that allows only enrolling it.
   */
  async complete(agent: SignedInAgent, context: SignInContext): Promise<LoginAnswer> {
    const enrolmentRequired = context.method === 'password' && this.config.twoFactor.requiredFor.includes(agent.role) && !(await this.secondFactors.find(agent.id))?.confirmed;
    const sessionId = await this.sessions.open(agent.id, {
      method: context.method,
      ttlSeconds: this.config.accessTokenTtlSeconds,
      enrolmentOnly: enrolmentRequired,
      address: context.ip,
      userAgent: context.userAgent,
    });
    const accessToken = await this.tokens.issue({ sub: agent.id, role: agent.role, sid: sessionId, ...(enrolmentRequired ? { scope: 'enrolment' as const } : {}) });
    await this.audit.recordAlone(
      { actor: { type: 'agent', id: agent.id, name: agent.name, role: agent.role }, origin: { address: context.ip, userAgent: context.userAgent, requestId: null } },
      { action: 'sign_in.succeeded', target: { type: 'agent', id: agent.id, label: agent.email }, after: { method: context.method, session: sessionId, enrolmentRequired } },
    );
    return {
      accessToken,
      agent: { id: agent.id, name: agent.name, email: agent.email, role: agent.role, teamId: agent.teamId },
      enrolmentRequired,
    };
  }
}
