import type { ChannelSender, DeliveryReceipt, OutboundMessage } from './channel-sender.js';
import { deadlineSignal, failureForAbort } from './deadline-signal.js';
import { failureForHttpStatus, failureForNetworkError } from './http-answer.js';

export interface SmsGatewayOptions {
  /** The gateway's send endpoint; it gets `POST { to, text }`. */
  url: string;
  apiKey: string;
  timeoutMs?: number;
}

/** SMS through an HTTP gateway that takes a bearer key and honours `Idempotency-Key`. */
export class SmsGatewaySender implements ChannelSender {
  readonly channel = 'sms';
  private readonly timeoutMs: number;

  constructor(private readonly options: SmsGatewayOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async send(message: OutboundMessage, signal?: AbortSignal): Promise<DeliveryReceipt> {
    const target = 'The SMS gateway';
    const deadline = deadlineSignal(this.timeoutMs, signal);
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.options.apiKey}`,
          'idempotency-key': message.idempotencyKey,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify({ to: message.to, text: message.text }),
        redirect: 'manual',
        signal: deadline,
      });
    } catch (error) {
      if (deadline.aborted) throw failureForAbort(target, this.timeoutMs, signal);
      throw failureForNetworkError(error, target);
    }
    const answer = await response.text().catch(() => '');
    const failure = failureForHttpStatus(response.status, target, { location: response.headers.get('location'), retryAfter: response.headers.get('retry-after') });
    if (failure) throw failure;
    return { providerMessageId: messageIdIn(answer), responseCode: response.status };
  }
}

function messageIdIn(answer: string): string | null {
  try {
    const body = JSON.parse(answer) as Record<string, unknown>;
    const id = body.messageId ?? body.message_id ?? body.id;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
  } catch {
    return null;
  }
}
