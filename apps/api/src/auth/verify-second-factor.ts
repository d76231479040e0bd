import { Injectable } from '@nestjs/common';
import { recoveryCodeHash, totpStepOf } from '@firsthand/access';
import type { LoginAnswer } from '@firsthand/http-contracts';
import { AgentPrincipals, SecondFactors } from '@firsthand/persistence';
import { AuditTrail, type AuditScene } from '../audit/audit-trail.js';
import { HttpProblem, RequestValidationFailed } from '../http/problem.js';
import { LoginThrottle } from '../limits/login-throttle.js';
import { AgentSignIn, CHALLENGE_MAX_ATTEMPTS, challengeHash } from './agent-sign-in.js';
import { SecondFactorSecrets } from './second-factor-secrets.js';

const challengeOver = () =>
  new HttpProblem(401, 'challenge-expired', 'Sign-in challenge over', 'This sign-in challenge is unknown, expired, already used or out of attempts: sign in with your password again.');
const wrongCode = () => new HttpProblem(401, 'invalid-second-factor', 'Wrong code', 'The code is wrong or too old for this account.');

/**
 * The second step of a password sign-in. Limits: each challenge allows CHALLENGE_MAX_ATTEMPTS codes,
 * and wrong codes count against the account and the address like wrong passwords (LoginThrottle; the
 * account's count of codes locks it from every address, as only someone past the password gets here).
 * A code's time step is used once (a replay is refused), a recovery code once.
 */
@Injectable()
export class VerifySecondFactor {
  constructor(
    private readonly directory: AgentPrincipals,
    private readonly factors: SecondFactors,
    private readonly secrets: SecondFactorSecrets,
    private readonly throttle: LoginThrottle,
    private readonly signIn: AgentSignIn,
    private readonly audit: AuditTrail,
  ) {}

  async execute(body: { challenge: string; code?: string; recoveryCode?: string }, address: string, scene: AuditScene): Promise<LoginAnswer> {
    if (body.code !== undefined && body.recoveryCode !== undefined) {
      throw new RequestValidationFailed([{ field: 'code', messages: ['send either code or recoveryCode, not both'] }]);
    }
    const hash = challengeHash(body.challenge);
    const challenge = await this.factors.attemptChallenge(hash, CHALLENGE_MAX_ATTEMPTS);
    if (!challenge) throw challengeOver();
    const agent = await this.directory.findForSignIn(challenge.agentId);
    if (!agent?.active || agent.locked) throw challengeOver();
    const target = { type: 'agent', id: agent.id, label: agent.email };
    const failed = async (problem: HttpProblem, why: string): Promise<never> => {
      await this.audit.recordAlone(scene, { action: 'sign_in.failed', target, after: { method: challenge.method, reason: 'totp', detail: why } });
      throw problem;
    };
    const attempt = await this.throttle.begin(agent.email, address, 'credential-holder').catch((error: HttpProblem) => failed(error, 'throttled'));
    const factor = await this.factors.find(agent.id);
    if (!factor?.confirmed) throw challengeOver();

    if (body.code !== undefined) {
      const step = await totpStepOf(this.secrets.open(factor.secretSealed), body.code);
      if (step === null) await failed(wrongCode(), 'wrong_code');
      else if (!(await this.factors.useStep(agent.id, step))) {
        await failed(new HttpProblem(401, 'second-factor-replayed', 'Code already used', 'This code was already used to sign in; wait for the app to show the next one.'), 'replayed_code');
      }
    } else if (!(await this.factors.useRecoveryCode(agent.id, recoveryCodeHash(body.recoveryCode ?? '')))) {
      await failed(new HttpProblem(401, 'invalid-recovery-code', 'Wrong recovery code', 'The recovery code is wrong or was already used.'), 'wrong_recovery_code');
    } else {
      await this.audit.recordAlone(scene, { action: 'two_factor.recovery_code_used', target });
    }
    if (!(await this.factors.spendChallenge(hash))) throw challengeOver();
    await attempt.succeeded({ signedIn: true });
    return this.signIn.complete(agent, { method: challenge.method, ip: challenge.address, userAgent: challenge.userAgent });
  }
}
