import { OAuth2TokenRefused } from '@firsthand/oauth2-client';
import { DeliveryFailed } from './delivery-failed.js';

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

const CONNECTION_CODES = new Set(['ECONNECTION', 'ESOCKET', 'EDNS', 'ETLS', 'EPROXY']);
const SETUP_CODES = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2', 'ECONFIG', 'EREQUIRETLS']);

/**
 * Reads a nodemailer error: 4xx replies and lost connections are worth a retry, 5xx replies are
 * final. A token for an OAuth2 login that could not be had is one too: the endpoint down or busy is
 * no verdict on the message (retried), a refused client is our setup (final).
 */
export function failureForSmtpError(error: unknown): DeliveryFailed {
  if (error instanceof OAuth2TokenRefused) {
    return error.temporary
      ? new DeliveryFailed('unreachable', `Could not get a token for the mail server: ${error.message}`, { cause: error })
      : new DeliveryFailed('misconfigured', `The mail server's OAuth2 client is refused: ${error.message}`, { cause: error });
  }
  const { code, responseCode, response, message } = (error ?? {}) as SmtpError;
  const detail = response ?? message ?? String(error);
  const options = { responseCode: responseCode ?? null, cause: error };
  if (typeof responseCode === 'number') {
    // 503 (bad sequence of commands) is about the session, not the message: a new connection may pass.
    if (responseCode >= 500 && responseCode !== 503) return new DeliveryFailed('rejected', `The mail server refused the message: ${detail}`, options);
    if (responseCode >= 400) return new DeliveryFailed('deferred', `The mail server deferred the message: ${detail}`, options);
  }
  if (code === 'ETIMEDOUT') return new DeliveryFailed('timeout', `The mail server did not answer in time: ${detail}`, options);
  if (code === 'EABORT') return new DeliveryFailed('aborted', `Sending the email was aborted: ${detail}`, options);
  if (code && CONNECTION_CODES.has(code)) return new DeliveryFailed('unreachable', `Lost the connection to the mail server: ${detail}`, options);
  if (code && SETUP_CODES.has(code)) return new DeliveryFailed('misconfigured', `The mail server setup is wrong: ${detail}`, options);
  if (code === 'EENVELOPE') return new DeliveryFailed('invalid_target', `The email address cannot be used: ${detail}`, options);
  return new DeliveryFailed('unexpected', `Sending the email failed: ${detail}`, options);
}
