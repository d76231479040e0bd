import type { LoginAnswer } from './people.js';

/** `POST /api/auth/login` of an agent with a second factor: no token yet; send a code with the challenge to `POST /api/auth/login/second-factor`. */
export interface SecondFactorChallenge {
  secondFactorRequired: true;
  challenge: string;
  expiresAt: string;
}

/** What `POST /api/auth/login` answers. */
export type LoginOutcome = LoginAnswer | SecondFactorChallenge;

/** One sign-in session of the agent (`GET /api/auth/sessions`). */
export interface SignInSessionView {
  id: string;
  method: 'password' | 'oidc';
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  address: string | null;
}

export interface SignInSessionList {
  items: SignInSessionView[];
}

/** `GET /api/auth/two-factor`. */
export interface TwoFactorStatus {
  enrolled: boolean;
  /** The agent's role must have a second factor (FIRSTHAND_REQUIRE_2FA_FOR). */
  required: boolean;
  recoveryCodesLeft: number;
}

/** `POST /api/auth/two-factor/enrolment`: shown once; confirm with a code from the app. */
export interface TwoFactorEnrolment {
  secret: string;
  otpauthUri: string;
  /** The URI as a QR code (PNG data URL). */
  qrCode: string;
}

/** `POST /api/auth/two-factor/enrolment/confirm`. */
export interface TwoFactorConfirmation {
  /** Shown only now; each works once in place of a code. */
  recoveryCodes: string[];
  /** When the sign-in could do nothing but enrol: a full sign-in replacing it. */
  signIn: LoginAnswer | null;
}
