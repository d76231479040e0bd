// scripts/dev-outbox.mjs as `npm start` runs it: a child process on free ports, fed by the real
// channel senders, read back through its JSON listing, and still holding its items after a restart.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DeliveryFailed, generateWebhookSecret, renderCustomerProgress, SmsGatewaySender, SmtpEmailSender, WebhookSender } from '@firsthand/notifications';

interface Outbox {
  child: ChildProcess;
  smtpPort: number;
  httpUrl: string;
  stop(): Promise<void>;
}

const SCRIPT = resolve('scripts/dev-outbox.mjs');
const SMS_KEY = 'dev-sms-key-0123';
const WEBHOOK_SECRET = generateWebhookSecret();

async function startOutbox(dataDir: string): Promise<Outbox> {
  const child = spawn(process.execPath, [SCRIPT], {
    env: { PATH: process.env.PATH ?? '', OUTBOX_SMTP_PORT: '0', OUTBOX_HTTP_PORT: '0', OUTBOX_DATA_DIR: dataDir, OUTBOX_SMS_KEY: SMS_KEY, OUTBOX_WEBHOOK_SECRET: WEBHOOK_SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (d) => (output += d));
  const ports = await new Promise<RegExpExecArray>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`dev outbox did not start:\n${output}`)), 15_000);
    child.stdout!.on('data', (d) => {
      output += d;
      const ready = /FIRSTHAND_OUTBOX_READY smtp=(\d+) http=(\d+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolveReady(ready);
      }
    });
    child.once('exit', (code) => reject(new Error(`dev outbox exited with ${code}:\n${output}`)));
  });
  return {
    child,
    smtpPort: Number(ports[1]),
    httpUrl: `http://127.0.0.1:${ports[2]}`,
    stop: () =>
      new Promise((resolveStop) => {
        if (child.exitCode !== null) return resolveStop();
        child.once('exit', () => resolveStop());
        child.kill('SIGTERM');
      }),
  };
}

interface Listed {
  id: string;
  channel: 'email' | 'sms' | 'webhook';
  repeatOf?: string;
  email?: { from: string; to: string[]; subject: string; text: string; html: string; messageId: string };
  sms?: { to: string; text: string; idempotencyKey: string };
  webhook?: { path: string; webhookId: string; signature: { status: string }; json: unknown };
}

async function listed(outbox: Outbox): Promise<Listed[]> {
  const answer = await fetch(`${outbox.httpUrl}/api/items`);
  return ((await answer.json()) as { items: Listed[] }).items;
}

describe('dev outbox (scripts/dev-outbox.mjs)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'firsthand-outbox-'));
  let outbox: Outbox;
  const site = { publicBaseUrl: 'http://localhost:3000', timeZone: 'Asia/Shanghai' };
  const message = renderCustomerProgress('claimed', 'zh-CN', { ticketCode: 'FH-7K3QX', subject: '路由器经常断线', agentName: '李伟' }, site);

  beforeAll(async () => {
    outbox = await startOutbox(dataDir);
  });
  afterAll(async () => {
    await outbox?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('catches an email, an SMS and a signed webhook, newest first', async () => {
    const email = new SmtpEmailSender({ url: `smtp://127.0.0.1:${outbox.smtpPort}`, from: 'Firsthand Support <support@firsthand.local>' });
    try {
      await email.send({ idempotencyKey: 'n-email-1', to: 'ann@example.com', subject: message.subject, text: message.text, html: message.html });
    } finally {
      await email.close();
    }
    const sms = new SmsGatewaySender({ url: `${outbox.httpUrl}/sms`, apiKey: SMS_KEY });
    expect((await sms.send({ idempotencyKey: 'n-sms-1', to: '+8613800138000', text: message.sms })).providerMessageId).toMatch(/^sms-/);
    const webhook = new WebhookSender({ signingSecret: WEBHOOK_SECRET, allowPrivateTargets: true });
    await webhook.send({
      idempotencyKey: 'n-hook-1',
      to: `${outbox.httpUrl}/webhooks`,
      text: message.text,
      event: { type: 'ticket.claimed', occurredAt: new Date('2026-03-05T09:30:00Z'), data: { code: 'FH-7K3QX', ownerName: '李伟' } },
    });

    const items = await listed(outbox);

    expect(items.map((item) => item.channel)).toEqual(['webhook', 'sms', 'email']);
    const [hook, text, mail] = items as [Listed, Listed, Listed];
    expect(mail.email).toMatchObject({ to: ['ann@example.com'], subject: '【FH-7K3QX】李伟 正在处理您的问题', messageId: '<n-email-1@firsthand>' });
    expect(mail.email!.text).toContain('李伟 正在处理您的问题“路由器经常断线”');
    expect(mail.email!.html).toContain('href="http://localhost:3000/track/FH-7K3QX"');
    expect(text.sms).toEqual({ to: '+8613800138000', text: message.sms, idempotencyKey: 'n-sms-1' });
    expect(hook.webhook).toMatchObject({
      path: '/webhooks',
      webhookId: 'n-hook-1',
      signature: { status: 'verified' },
      json: { type: 'ticket.claimed', timestamp: '2026-03-05T09:30:00.000Z', data: { code: 'FH-7K3QX', ownerName: '李伟' } },
    });
  });

  it('refuses an SMS with the wrong key, and marks a re-send', async () => {
    const wrongKey = new SmsGatewaySender({ url: `${outbox.httpUrl}/sms`, apiKey: 'not-the-key' });
    const refused = await wrongKey.send({ idempotencyKey: 'n-sms-2', to: '+100', text: 'x' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DeliveryFailed);
    expect(refused).toMatchObject({ code: 'rejected', retryable: false, responseCode: 401 });

    const sms = new SmsGatewaySender({ url: `${outbox.httpUrl}/sms`, apiKey: SMS_KEY });
    await sms.send({ idempotencyKey: 'n-sms-1', to: '+8613800138000', text: message.sms });

    const [resend, ...older] = await listed(outbox);
    expect(resend).toMatchObject({ channel: 'sms', repeatOf: older.find((item) => item.sms?.idempotencyKey === 'n-sms-1')!.id });
    expect(older.some((item) => item.sms?.to === '+100')).toBe(false);
  });

  it('streams new items to the inbox page as Server-Sent Events', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${outbox.httpUrl}/events`, { signal: controller.signal });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    await reader.read(); // the retry preamble: subscribed
    try {
      await new SmsGatewaySender({ url: `${outbox.httpUrl}/sms`, apiKey: SMS_KEY }).send({ idempotencyKey: 'n-sms-live', to: '+200', text: '实时' });
      let seen = '';
      while (!seen.includes('n-sms-live')) seen += new TextDecoder().decode((await reader.read()).value);
      expect(seen).toMatch(/^event: item\ndata: \{.*"text":"实时"/m);
    } finally {
      controller.abort();
    }
  });

  it('serves the inbox page as UTF-8 with a policy that keeps mail content from running', async () => {
    const page = await fetch(`${outbox.httpUrl}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<script src="/inbox.js" defer></script>');
    const script = await (await fetch(`${outbox.httpUrl}/inbox.js`)).text();
    expect(script).toContain("sandbox: 'allow-popups allow-popups-to-escape-sandbox'");
    expect(script).not.toContain('innerHTML');
  });

  it('keeps its items across a restart', async () => {
    const before = await listed(outbox);
    await outbox.stop();
    outbox = await startOutbox(dataDir);

    expect(await listed(outbox)).toEqual(before);
  });
});
