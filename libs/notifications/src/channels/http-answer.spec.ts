import { failureForHttpStatus, failureForNetworkError, retryAfterMs } from './http-answer.js';

describe('failureForHttpStatus', () => {
  it.each([200, 201, 202, 204, 299])('accepts %i', (status) => {
    expect(failureForHttpStatus(status, 'gateway')).toBeNull();
  });

  it.each([
    [408, 'deferred', true],
    [429, 'deferred', true],
    [500, 'deferred', true],
    [503, 'deferred', true],
    [400, 'rejected', false],
    [401, 'rejected', false],
    [404, 'rejected', false],
    [410, 'gone', false],
    [301, 'redirect_refused', false],
    [302, 'redirect_refused', false],
    [307, 'redirect_refused', false],
    [101, 'unexpected', true],
  ] as const)('%i is %s (retryable: %s)', (status, code, retryable) => {
    const failure = failureForHttpStatus(status, 'gateway');
    expect(failure).toMatchObject({ code, retryable, responseCode: status });
  });

  it('names where a redirect pointed', () => {
    expect(failureForHttpStatus(302, 'https://hooks.example.com/x', { location: 'http://127.0.0.1/admin' })?.message).toContain('http://127.0.0.1/admin');
  });

  it("keeps a 429's or 503's Retry-After, in seconds or as a date; other answers' is ignored", () => {
    const now = Date.parse('2026-12-04T10:00:00Z');
    expect(failureForHttpStatus(429, 'hooks', { retryAfter: '120' }, now)?.retryAfterMs).toBe(120_000);
    expect(failureForHttpStatus(503, 'hooks', { retryAfter: 'Fri, 04 Dec 2026 10:05:00 GMT' }, now)?.retryAfterMs).toBe(300_000);
    expect(failureForHttpStatus(503, 'hooks', { retryAfter: 'Fri, 04 Dec 2026 09:00:00 GMT' }, now)?.retryAfterMs).toBe(0);
    expect(failureForHttpStatus(429, 'hooks', { retryAfter: 'soon' }, now)?.retryAfterMs).toBeNull();
    expect(failureForHttpStatus(429, 'hooks', {}, now)?.retryAfterMs).toBeNull();
    expect(failureForHttpStatus(500, 'hooks', { retryAfter: '120' }, now)?.retryAfterMs).toBeNull();
    expect(retryAfterMs(' 0 ')).toBe(0);
    expect(retryAfterMs('-5')).toBeNull();
  });
});

describe('failureForNetworkError', () => {
  const withCode = (code: string) => Object.assign(new Error(code), { code });

  it('reads the code of fetch errors from their cause', () => {
    const error = new TypeError('fetch failed', { cause: withCode('ECONNREFUSED') });
    expect(failureForNetworkError(error, 'gateway')).toMatchObject({ code: 'unreachable', retryable: true });
  });

  it('maps timeouts and resets', () => {
    expect(failureForNetworkError(withCode('ETIMEDOUT'), 'x').code).toBe('timeout');
    expect(failureForNetworkError(withCode('ECONNRESET'), 'x').code).toBe('unreachable');
    expect(failureForNetworkError(withCode('ERR_TLS_CERT_ALTNAME_INVALID'), 'x').code).toBe('unreachable');
  });

  it('keeps anything unknown retryable', () => {
    expect(failureForNetworkError(new Error('boom'), 'x')).toMatchObject({ code: 'unexpected', retryable: true });
  });
});
