import { createHash, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 defaults every authenticator app reads: SHA-1, 6 digits, 30 s steps. */
const PERIOD_SECONDS = 30;
/** One step either side, for a phone's clock a little off and a code typed as it turned. */
const TOLERANCE_SECONDS = PERIOD_SECONDS;
const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const RECOVERY_CODE_COUNT = 10;

export function newTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// URI an authenticator app scans (as a QR code) or is given by hand. */
export function totpEnrolmentUri(issuer: string, account: string, secret: string): string {
  return generateURI({ issuer, label: account, secret });
}

export function isTotpCode(code: string): boolean {
  return /^\d{6}$/.test(code);
}

/** The time step the code belongs to, or null when it matches none within the tolerance. */
export async function totpStepOf(secret: string, code: string, epochSeconds = Math.floor(Date.now() / 1000)): Promise<number | null> {
  if (!isTotpCode(code)) return null;
  const result = await verify({ secret, token: code, epochTolerance: TOLERANCE_SECONDS, epoch: epochSeconds });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** Ten single-use codes of 12 characters (60 bits each), shown once as XXXX-XXXX-XXXX. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 12 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  });
}

/** Stored instead of the code; case, spaces and dashes as typed do not matter. Random 60-bit codes need no slow hash. */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(code.toUpperCase().replace(/[\s-]/g, '')).digest('hex');
}
