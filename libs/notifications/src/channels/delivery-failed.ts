/** Why a send failed; each code is either always worth a retry or never. */
export const DELIVERY_FAILURE_CODES = {
  /** The provider said "not now": SMTP 4xx, HTTP 408, 429, 5xx. */
  deferred: true,
  /** No answer in time (connect, greeting, response). */
  timeout: true,
  /** Could not reach the provider: refused, reset, DNS, TLS. */
  unreachable: true,
  /** The caller's signal aborted the send (shutdown); the provider may still have it. */
  aborted: true,
  /** Anything else: retried, so a surprise ends in the dead letters rather than in silence. */
  unexpected: true,
  /** The provider refused this message for good: SMTP 5xx, HTTP 4xx. */
  rejected: false,
  /** HTTP 410: the endpoint is gone. */
  gone: false,
  /** The target answered with a redirect; we never follow one. */
  redirect_refused: false,
  /** The webhook target is not a public http(s) address and the operator did not allow it. */
  ssrf_refused: false,
  /** The address or URL cannot be used at all. */
  invalid_target: false,
  /** The message lacks what the channel needs (a webhook without an event). */
  invalid_message: false,
  /** Our side is set up wrong (SMTP credentials, configuration). */
  misconfigured: false,
} as const satisfies Record<string, boolean>;

export type DeliveryFailureCode = keyof typeof DELIVERY_FAILURE_CODES;

export class DeliveryFailed extends Error {
  override readonly name = 'DeliveryFailed';
  readonly retryable: boolean;
  readonly responseCode: number | null;
  /** How long the provider asked us to wait before trying again (HTTP `Retry-After`), if it said. */
  readonly retryAfterMs: number | null;

  constructor(
    readonly code: DeliveryFailureCode,
    message: string,
    options: { responseCode?: number | null; retryAfterMs?: number | null; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.retryable = DELIVERY_FAILURE_CODES[code];
    this.responseCode = options.responseCode ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}
