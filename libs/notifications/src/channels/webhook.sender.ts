import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ChannelSender, DeliveryReceipt, OutboundMessage } from './channel-sender.js';
import { DeliveryFailed } from './delivery-failed.js';
import { failureForHttpStatus, failureForNetworkError } from './http-answer.js';
import { signWebhook, webhookSigningKey } from './webhook-signature.js';
import { WebhookTargetGuard, type HostResolver, type VettedTarget, type WebhookTargetPolicy } from './webhook-target.guard.js';

export interface WebhookOptions extends WebhookTargetPolicy {
  /** `whsec_<base64>`; the receiver verifies with the same secret. */
  signingSecret: string;
  timeoutMs?: number;
  /** Tests inject a resolver; production uses the system's. */
  resolveHost?: HostResolver;
  now?: () => Date;
}

const MAX_ANSWER_BYTES = 64 * 1024;

/** Signed webhooks per Standard Webhooks, only to vetted public addresses, never following redirects. */
export class WebhookSender implements ChannelSender {
  readonly channel = 'webhook';
  private readonly key: Buffer;
  private readonly guard: WebhookTargetGuard;
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(options: WebhookOptions) {
    this.key = webhookSigningKey(options.signingSecret);
    this.guard = new WebhookTargetGuard(options, options.resolveHost);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.now = options.now ?? (() => new Date());
  }

  async send(message: OutboundMessage, signal?: AbortSignal): Promise<DeliveryReceipt> {
    const { event } = message;
    if (!event) throw new DeliveryFailed('invalid_message', 'A webhook message needs an event (type, occurredAt, data).');
    const target = await this.guard.vet(message.to);
    const body = JSON.stringify({ type: event.type, timestamp: event.occurredAt.toISOString(), data: event.data });
    const timestamp = Math.floor(this.now().getTime() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Firsthand-Webhooks/1',
      'webhook-id': message.idempotencyKey,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(this.key, message.idempotencyKey, timestamp, body),
    };
    const answer = await this.post(target, headers, body, signal);
    const failure = failureForHttpStatus(answer.statusCode ?? 0, target.url.origin, { location: answer.headers.location, retryAfter: answer.headers['retry-after'] });
    if (failure) throw failure;
    return { providerMessageId: null, responseCode: answer.statusCode ?? null };
  }

  private post(target: VettedTarget, headers: Record<string, string>, body: string, signal?: AbortSignal): Promise<IncomingMessage> {
    const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const where = target.url.origin;
    return new Promise((resolve, reject) => {
      const fail = (failure: DeliveryFailed) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        req.destroy();
        reject(failure);
      };
      const onAbort = () => fail(new DeliveryFailed('aborted', `Sending to ${where} was aborted.`, { cause: signal?.reason }));
      const timer = setTimeout(() => fail(new DeliveryFailed('timeout', `${where} did not answer within ${this.timeoutMs} ms.`)), this.timeoutMs);
      // A fresh connection (no agent) to the address the guard checked: DNS is not asked again,
      // so a rebinding answer cannot swap it, and no pooled socket outlives the check.
      const req = request(target.url, { method: 'POST', headers, agent: false, lookup: pinnedLookup(target) }, (res) => {
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > MAX_ANSWER_BYTES) res.destroy();
        });
        res.on('close', () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(res);
        });
      });
      req.on('error', (error) => fail(failureForNetworkError(error, where)));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      req.end(body);
    });
  }
}

function pinnedLookup({ address, family }: VettedTarget): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  }) as LookupFunction;
}
