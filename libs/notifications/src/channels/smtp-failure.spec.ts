import { failureForSmtpError } from './smtp-failure.js';

const smtpError = (fields: { code?: string; responseCode?: number; response?: string }) => Object.assign(new Error('smtp'), fields);

describe('failureForSmtpError', () => {
  it.each([
    [{ code: 'EMESSAGE', responseCode: 550, response: '550 mailbox unavailable' }, 'rejected', false],
    [{ code: 'EENVELOPE', responseCode: 553 }, 'rejected', false],
    [{ code: 'EAUTH', responseCode: 535 }, 'rejected', false],
    [{ code: 'EMESSAGE', responseCode: 451, response: '451 try again later' }, 'deferred', true],
    [{ code: 'EENVELOPE', responseCode: 421 }, 'deferred', true],
    [{ code: 'EPROTOCOL', responseCode: 503 }, 'deferred', true],
    [{ code: 'ETIMEDOUT' }, 'timeout', true],
    [{ code: 'ECONNECTION' }, 'unreachable', true],
    [{ code: 'ESOCKET' }, 'unreachable', true],
    [{ code: 'EDNS' }, 'unreachable', true],
    [{ code: 'EABORT' }, 'aborted', true],
    [{ code: 'ENOAUTH' }, 'misconfigured', false],
    [{ code: 'EENVELOPE' }, 'invalid_target', false],
    [{}, 'unexpected', true],
  ] as const)('%j is %s (retryable: %s)', (fields, code, retryable) => {
    expect(failureForSmtpError(smtpError(fields))).toMatchObject({ code, retryable });
  });

  it('keeps the reply code and the server text', () => {
    const failure = failureForSmtpError(smtpError({ responseCode: 550, response: '550 5.1.1 no such user' }));
    expect(failure.responseCode).toBe(550);
    expect(failure.message).toContain('no such user');
  });
});
