import { DeliveryFailed } from './delivery-failed.js';

/** What of an HTTP answer besides its status says how it failed. */
export interface HttpAnswerHeaders {
  location?: string | null;
  retryAfter?: string | null;
}

/** Null when the answer is a success; otherwise the failure it stands for. */
export function failureForHttpStatus(status: number, target: string, answer: HttpAnswerHeaders = {}, now: number = Date.now()): DeliveryFailed | null {
  if (status >= 200 && status < 300) return null;
  const { location } = answer;
  const options = { responseCode: status, retryAfterMs: status === 429 || status === 503 ? retryAfterMs(answer.retryAfter, now) : null };
  if (status >= 300 && status < 400) {
    return new DeliveryFailed(
      'redirect_refused',
      `${target} answered ${status} redirecting to ${location || '(no Location)'}; redirects are never followed.`,
      options,
    );
  }
  if (status === 410) return new DeliveryFailed('gone', `${target} answered 410 Gone.`, options);
  if (status === 408 || status === 429 || status >= 500) return new DeliveryFailed('deferred', `${target} answered ${status}, a temporary refusal.`, options);
  if (status >= 400) return new DeliveryFailed('rejected', `${target} refused the message with ${status}.`, options);
  return new DeliveryFailed('unexpected', `${target} answered an unexpected ${status}.`, options);
}

/**
 * A `Retry-After` header (RFC 9110: seconds, or an HTTP date) as milliseconds from `now`; null when
 * absent or unreadable. A date already past is 0.
 */
export function retryAfterMs(header: string | null | undefined, now: number = Date.now()): number | null {
  const value = header?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Math.min(Number(value), 10 ** 9) * 1000;
  // An HTTP date names its month (Fri, 04 Dec 2026 10:05:00 GMT); Date.parse would also read "-5" as a year.
  const at = /[a-z]{3}/i.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'UND_ERR_SOCKET']);

/** A thrown network error (fetch or http) as a delivery failure. */
export function failureForNetworkError(error: unknown, target: string): DeliveryFailed {
  if (error instanceof DeliveryFailed) return error;
  const code = errorCode(error) ?? errorCode((error as { cause?: unknown })?.cause);
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') {
    return new DeliveryFailed('timeout', `${target} did not answer in time (${detail}).`, { cause: error });
  }
  if (code && (UNREACHABLE_CODES.has(code) || code.startsWith('ERR_TLS') || code.includes('CERT'))) {
    return new DeliveryFailed('unreachable', `Could not reach ${target} (${detail}).`, { cause: error });
  }
  return new DeliveryFailed('unexpected', `Sending to ${target} failed: ${detail}.`, { cause: error });
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
