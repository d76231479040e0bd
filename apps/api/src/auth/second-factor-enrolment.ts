import { Inject, Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import { newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpEnrolmentUri, totpStepOf } from '@firsthand/access';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import type { TwoFactorConfirmation, TwoFactorEnrolment, TwoFactorStatus } from '@firsthand/http-contracts';
import { AgentPrincipals, AgentSessions, SecondFactors } from '@firsthand/persistence';
import { HttpProblem } from '../http/problem.js';
import { LoginThrottle } from '../limits/login-throttle.js';
import { AgentSignIn } from './agent-sign-in.js';
import type { RequestFrom } from './auth.controller.js';
import { signInContext } from './auth.controller.js';
import type { AuthenticatedAgent } from './authenticated-agent.js';
import { PasswordHasher } from './password-hasher.js';
import { SecondFactorSecrets } from './second-factor-secrets.js';

const alreadyOn = () => new HttpProblem(409, 'two-factor-already-enrolled', 'Two-factor already on', 'Two-factor sign-in is already on for you: disable it first to enrol another app.');

/** Enrolling, confirming and turning off the signed-in agent's TOTP second factor. */
@Injectable()
export class SecondFactorEnrolment {
  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly factors: SecondFactors,
    private readonly secrets: SecondFactorSecrets,
    private readonly sessions: AgentSessions,
    private readonly signIn: AgentSignIn,
    private readonly throttle: LoginThrottle,
    private readonly directory: AgentPrincipals,
    private readonly hasher: PasswordHasher,
  ) {}

  async status(agent: AuthenticatedAgent): Promise<TwoFactorStatus> {
    const factor = await this.factors.find(agent.id);
    return {
      enrolled: factor?.confirmed ?? false,
      required: this.config.twoFactor.requiredFor.includes(agent.role),
      recoveryCodesLeft: factor?.confirmed ? await this.factors.recoveryCodesLeft(agent.id) : 0,
    };
  }

  async start(agent: AuthenticatedAgent): Promise<TwoFactorEnrolment> {
    const secret = newTotpSecret();
    if (!(await this.factors.startEnrolment(agent.id, this.secrets.seal(secret)))) throw alreadyOn();
    const otpauthUri = totpEnrolmentUri(this.config.twoFactor.issuer, agent.email, secret);
    return { secret, otpauthUri, qrCode: await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 220 }) };
  }

  async confirm(agent: AuthenticatedAgent, session: { id: string; enrolmentOnly: boolean }, code: string, request: RequestFrom): Promise<TwoFactorConfirmation> {
    const factor = await this.factors.find(agent.id);
    if (factor?.confirmed) throw alreadyOn();
    if (!factor) throw new HttpProblem(409, 'no-enrolment-under-way', 'No enrolment under way', 'Start an enrolment (POST /api/auth/two-factor/enrolment) before confirming it.');
    const attempt = await this.throttle.begin(agent.email, request.ip, 'credential-holder');
    const step = await totpStepOf(this.secrets.open(factor.secretSealed), code);
    if (step === null) {
      throw new HttpProblem(422, 'invalid-second-factor', 'Wrong code', 'The code does not match the new secret: check the app was set up from this QR code and its clock is right.');
    }
    const recoveryCodes = newRecoveryCodes();
    if (!(await this.factors.confirm(agent.id, step, recoveryCodes.map(recoveryCodeHash)))) throw alreadyOn();
    await attempt.succeeded();
    if (!session.enrolmentOnly) return { recoveryCodes, signIn: null };
    // The limited sign-in has done its job: it ends, and a full one takes its place.
    await this.sessions.revoke(agent.id, session.id);
    return { recoveryCodes, signIn: await this.signIn.complete(agent, signInContext(request, 'password')) };
  }

  async disable(agent: AuthenticatedAgent, proof: { code?: string; password?: string }, address: string): Promise<void> {
    const factor = await this.factors.find(agent.id);
    if (!factor?.confirmed) throw new HttpProblem(409, 'two-factor-not-enrolled', 'Two-factor not on', 'Two-factor sign-in is not on for you.');
    const attempt = await this.throttle.begin(agent.email, address, 'credential-holder');
    if (proof.code !== undefined) {
      const step = await totpStepOf(this.secrets.open(factor.secretSealed), proof.code);
      if (step === null || !(await this.factors.useStep(agent.id, step))) {
        throw new HttpProblem(401, 'invalid-second-factor', 'Wrong code', 'The code is wrong or was already used; nothing changed.');
      }
    } else {
      const login = await this.directory.findForSignIn(agent.id);
      if (!(await this.hasher.verify(proof.password ?? '', login?.passwordHash ?? null))) {
        throw new HttpProblem(401, 'invalid-credentials', 'Wrong password', 'The password is wrong; nothing changed.');
      }
    }
    await this.factors.remove(agent.id);
    await attempt.succeeded();
  }
}
