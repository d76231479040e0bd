import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, signWebhook, webhookSigningKey } from './webhook-signature.js';

describe('webhook signatures', () => {
  it('match the Standard Webhooks reference implementation', () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ type: 'ticket.progress', timestamp: '2026-03-05T09:30:00.000Z', data: { code: 'FH-7K3QX', text: '李伟 正在处理' } });
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = signWebhook(webhookSigningKey(secret), 'msg_1', timestamp, body);

    expect(signature).toBe(new Webhook(secret).sign('msg_1', new Date(timestamp * 1000), body));
    expect(new Webhook(secret).verify(body, { 'webhook-id': 'msg_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': signature })).toEqual(JSON.parse(body));
  });

  it('agrees with the example in the Standard Webhooks specification', () => {
    const key = webhookSigningKey('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    const body = '{"test": 2432232314}';
    expect(signWebhook(key, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('generates distinct secrets of 32 random bytes', () => {
    const secrets = new Set(Array.from({ length: 20 }, generateWebhookSecret));
    expect(secrets.size).toBe(20);
    for (const secret of secrets) expect(webhookSigningKey(secret)).toHaveLength(32);
  });

  it.each(['', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_', 'whsec_not base64!', 'whsec_abc'])('refuses the secret %j', (secret) => {
    expect(() => webhookSigningKey(secret)).toThrow(/whsec_/);
  });
});
