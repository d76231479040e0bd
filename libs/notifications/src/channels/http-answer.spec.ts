import { failureForHttpStatus, failureForNetworkError } from './http-answer.js';

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
    expect(failureForHttpStatus(302, 'https://hooks.example.com/x', 'http://127.0.0.1/admin')?.message).toContain('http://127.0.0.1/admin');
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
