import { generate } from 'otplib';
import { isTotpCode, newRecoveryCodes, newTotpSecret, recoveryCodeHash, RECOVERY_CODE_COUNT, totpStepOf } from './second-factor-codes.js';

describe('second-factor codes', () => {
  const secret = newTotpSecret();
  const at = 1_796_297_700; // a step boundary: 59876590 * 30

  it('finds the 30 s step of a code, one step either side, and nothing further or malformed', async () => {
    expect(await totpStepOf(secret, await generate({ secret, epoch: at }), at)).toBe(at / 30);
    expect(await totpStepOf(secret, await generate({ secret, epoch: at - 30 }), at)).toBe(at / 30 - 1);
    expect(await totpStepOf(secret, await generate({ secret, epoch: at + 30 }), at)).toBe(at / 30 + 1);
    expect(await totpStepOf(secret, await generate({ secret, epoch: at + 90 }), at)).toBeNull();
    expect(await totpStepOf(secret, '12a456', at)).toBeNull();
    expect(isTotpCode('1234567')).toBe(false);
  });

  it('makes ten distinct recovery codes whose hash ignores case, spaces and dashes', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(recoveryCodeHash(codes[0].toLowerCase().replace(/-/g, ' '))).toBe(recoveryCodeHash(codes[0]));
    expect(recoveryCodeHash(codes[0])).not.toBe(recoveryCodeHash(codes[1]));
  });
});
