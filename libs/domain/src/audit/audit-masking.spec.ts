import { isSecretKey, MASKED, maskSecrets } from './audit-masking.js';

describe('maskSecrets', () => {
  it('masks password hashes, webhook, TOTP and client secrets, tokens and recovery codes, in any spelling', () => {
    const masked = maskSecrets({
      name: 'Li Wei',
      password_hash: '$2b$11$abc',
      passwordHash: '$2b$11$abc',
      webhookSecret: 'whsec_abc',
      secret: 'plain',
      totpSecret: 'JBSWY3DPEHPK3PXP',
      recoveryCodes: ['a', 'b'],
      accessToken: 'eyJ...',
      refresh_token: 'r',
      clientSecret: 'cs',
      'X-Api-Key': 'k',
      role: 'agent',
    });
    expect(masked).toEqual({
      name: 'Li Wei', password_hash: MASKED, passwordHash: MASKED, webhookSecret: MASKED, secret: MASKED, totpSecret: MASKED,
      recoveryCodes: MASKED, accessToken: MASKED, refresh_token: MASKED, clientSecret: MASKED, 'X-Api-Key': MASKED, role: 'agent',
    });
  });

  it('masks inside nested objects and arrays, and keeps null secrets null so "none set" stays visible', () => {
    expect(maskSecrets({ endpoints: [{ url: 'https://x.test', secret: 's1' }, { url: 'https://y.test', secret: null }], team: { id: 't' } })).toEqual({
      endpoints: [{ url: 'https://x.test', secret: MASKED }, { url: 'https://y.test', secret: null }],
      team: { id: 't' },
    });
  });

  it('leaves ordinary fields, numbers, booleans and dates readable and drops undefined', () => {
    const at = new Date('2026-12-03T10:00:00.000Z');
    expect(maskSecrets({ active: false, count: 3, at, note: undefined, tier: 'vip' })).toEqual({ active: false, count: 3, at: '2026-12-03T10:00:00.000Z', tier: 'vip' });
    expect(maskSecrets(null)).toBeNull();
    expect(maskSecrets('text')).toBe('text');
  });

  it('does not take ordinary words for secrets', () => {
    for (const key of ['name', 'email', 'role', 'teamId', 'tier', 'url', 'events', 'active', 'label', 'isDefault']) expect(isSecretKey(key)).toBe(false);
    expect(isSecretKey('Password')).toBe(true);
    expect(isSecretKey('otp')).toBe(true);
  });

  it('cuts values nested deeper than 8 levels', () => {
    let deep: unknown = { leaf: 'x' };
    for (let i = 0; i < 12; i++) deep = { inner: deep };
    expect(JSON.stringify(maskSecrets(deep))).toContain(MASKED);
    expect(JSON.stringify(maskSecrets(deep))).not.toContain('leaf');
  });
});
