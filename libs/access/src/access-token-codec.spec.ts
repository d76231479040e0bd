import { jest } from '@jest/globals';
import { AccessTokenCodec } from './access-token-codec.js';

describe('access tokens', () => {
  const claims = { sub: '9f1c2a5e-0000-4000-8000-000000000001', role: 'agent', sid: '9f1c2a5e-0000-4000-8000-000000000002' };

  afterEach(() => {
    jest.useRealTimers();
  });

  it('a verified token is answered again without verifying, until its expiry, and refused after it', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-03T10:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const codec = new AccessTokenCodec('a-root-secret-of-enough-length-0123456789', 60);
    const token = await codec.issue(claims);
    const first = await codec.verify(token);
    expect(first).toMatchObject(claims);
    // The second answer is the held one (the same object), still the token's own claims.
    expect(await codec.verify(token)).toBe(first);
    jest.setSystemTime(new Date('2026-12-03T10:00:59Z'));
    expect(await codec.verify(token)).toBe(first);
    jest.setSystemTime(new Date('2026-12-03T10:01:00Z'));
    expect(await codec.verify(token)).toBeNull();
  });

  it('a changed, foreign or malformed token is refused, also once a valid one is held', async () => {
    const codec = new AccessTokenCodec('a-root-secret-of-enough-length-0123456789', 60);
    const token = await codec.issue(claims);
    expect(await codec.verify(token)).toMatchObject(claims);
    const [head, body, signature] = token.split('.');
    const otherBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), role: 'admin' })).toString('base64url');
    expect(await codec.verify(`${head}.${otherBody}.${signature}`)).toBeNull();
    expect(await codec.verify(`${token}x`)).toBeNull();
    expect(await new AccessTokenCodec('another-root-secret-of-enough-length-0123', 60).verify(token)).toBeNull();
    expect(await codec.verify('not.a.token')).toBeNull();
  });
});
