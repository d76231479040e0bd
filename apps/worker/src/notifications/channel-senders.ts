import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { SecretBox } from '@firsthand/access';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { DeliveryFailed, SmsGatewaySender, SmtpEmailSender, WebhookSender, type ChannelSender } from '@firsthand/notifications';
import { WebhookEndpointStore, type NotificationToSend } from '@firsthand/persistence';
import { OAuth2RefreshTokenKeepers } from '../email/oauth2-refresh-token-keepers.js';

/** The sender for each notification, built from configuration once; one webhook sender per endpoint (each has its own signing secret). */
@Injectable()
export class ChannelSenders implements BeforeApplicationShutdown {
  private readonly email: ChannelSender | null;
  private readonly sms: ChannelSender | null;
  private readonly webhooks = new Map<string, { sealedSecret: string; sender: ChannelSender }>();
  private readonly secrets: SecretBox;

  constructor(@Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig, private readonly endpoints: WebhookEndpointStore, refreshTokens: OAuth2RefreshTokenKeepers) {
    const n = config.notifications;
    const timeout = n.sendTimeoutMs;
    this.email = n.smtpUrl
      ? new SmtpEmailSender({
          url: n.smtpUrl, from: n.emailFrom, maxConnections: n.smtpMaxConnections, connectionTimeoutMs: timeout, greetingTimeoutMs: timeout, socketTimeoutMs: timeout,
          ...(n.smtpOAuth2 ? { oauth2: n.smtpOAuth2, refreshTokens: refreshTokens.for(n.smtpOAuth2, 'SMTP relay') } : {}),
        })
      : null;
    this.sms = n.smsGatewayUrl ? new SmsGatewaySender({ url: n.smsGatewayUrl, apiKey: n.smsGatewayKey ?? '', timeoutMs: timeout }) : null;
    this.secrets = new SecretBox(config.secret);
  }

  async senderFor(notification: NotificationToSend): Promise<ChannelSender> {
    if (notification.channel === 'email' && this.email) return this.email;
    if (notification.channel === 'sms' && this.sms) return this.sms;
    if (notification.channel === 'webhook') return this.webhookSender(notification);
    throw new DeliveryFailed('misconfigured', `${notification.channel} is not configured on this worker`);
  }

  /**
   * The endpoint is read on every send (one small statement beside an HTTP call): a send retried or
   * re-sent after an admin removed the endpoint is refused, and a new signing secret is used at once.
   * Senders are kept per endpoint and secret.
   */
  private async webhookSender(notification: NotificationToSend): Promise<ChannelSender> {
    const endpointId = notification.recipientId;
    const endpoint = endpointId ? await this.endpoints.findWithSecret(endpointId) : null;
    if (!endpoint || !endpoint.active) throw new DeliveryFailed('gone', 'The webhook endpoint was removed');
    const cached = this.webhooks.get(endpoint.id);
    if (cached?.sealedSecret === endpoint.sealedSecret) return cached.sender;
    const sender = new WebhookSender({
      signingSecret: this.secrets.open(endpoint.sealedSecret),
      allowPrivateTargets: this.config.notifications.webhookAllowPrivateTargets,
      allowedCidrs: this.config.notifications.webhookAllowedCidrs,
      timeoutMs: this.config.notifications.sendTimeoutMs,
    });
    this.webhooks.set(endpoint.id, { sealedSecret: endpoint.sealedSecret, sender });
    await cached?.sender.close?.().catch(() => undefined);
    return sender;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.email, this.sms, ...[...this.webhooks.values()].map((w) => w.sender)].map((s) => s?.close?.().catch(() => undefined)));
  }
}
