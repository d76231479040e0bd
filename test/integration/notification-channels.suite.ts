// The channel senders against real servers on loopback: an SMTP server read back with mailparser,
// HTTP servers playing the SMS gateway and webhook receivers. No traffic leaves 127.0.0.1.
import { Webhook } from 'standardwebhooks';
import {
  DeliveryFailed,
  generateWebhookSecret,
  renderCustomerProgress,
  SmsGatewaySender,
  SmtpEmailSender,
  WebhookSender,
  type HostResolver,
  type OutboundMessage,
} from '@firsthand/notifications';
import { freePortForTest } from '../support/free-port.js';
import { IdentityProvider } from '../support/identity-provider.js';
import { answerJson, startHttpCatcher, startSmtpCatcher, startTcpServer, type HttpCatcher } from '../support/loopback-catchers.js';

async function failureOf(sending: Promise<unknown>): Promise<DeliveryFailed> {
  const outcome = await sending.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(outcome instanceof DeliveryFailed)) throw new Error(`expected a DeliveryFailed, got ${String(outcome)}`);
  return outcome;
}

const site = { publicBaseUrl: 'http://localhost:3000', timeZone: 'Asia/Shanghai' };
const progress = renderCustomerProgress('claimed', 'zh-CN', { ticketCode: 'FH-7K3QX', subject: '路由器经常断线', agentName: '李伟' }, site);
const FROM = 'Firsthand Support <support@firsthand.local>';

describe('email over SMTP', () => {
  const email = (key: string): OutboundMessage => ({
    idempotencyKey: key,
    to: 'ann@example.com',
    subject: progress.subject,
    text: progress.text,
    html: progress.html,
  });

  it('delivers subject, text, HTML and a Message-ID derived from the idempotency key', async () => {
    const smtp = await startSmtpCatcher();
    const sender = new SmtpEmailSender({ url: `smtp://127.0.0.1:${smtp.port}`, from: FROM });
    try {
      const receipt = await sender.send(email('5b0e6f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b'));

      expect(receipt).toEqual({ providerMessageId: '<5b0e6f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b@firsthand>', responseCode: 250 });
      expect(smtp.received).toHaveLength(1);
      const [{ envelope, mail }] = smtp.received as [(typeof smtp.received)[number]];
      expect(envelope).toEqual({ from: 'support@firsthand.local', to: ['ann@example.com'] });
      expect(mail.messageId).toBe('<5b0e6f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b@firsthand>');
      expect(mail.subject).toBe('Re: 【FH-7K3QX】路由器经常断线');
      expect(mail.text).toContain('李伟 正在处理您的问题“路由器经常断线”');
      expect(mail.text).toContain('http://localhost:3000/track/FH-7K3QX');
      expect(mail.html).toContain('href="http://localhost:3000/track/FH-7K3QX"');
      expect(mail.from?.value).toEqual([{ name: 'Firsthand Support', address: 'support@firsthand.local' }]);
    } finally {
      await sender.close();
      await smtp.stop();
    }
  });

  it("writes the recipient's name beside the address: quoted when it needs it, an encoded word when it is not ASCII", async () => {
    const smtp = await startSmtpCatcher();
    const sender = new SmtpEmailSender({ url: `smtp://127.0.0.1:${smtp.port}`, from: FROM });
    try {
      await sender.send({ ...email('named-1'), toName: 'Ana Souza' });
      await sender.send({ ...email('named-2'), toName: '张安' });
      await sender.send({ ...email('named-3'), toName: 'Souza, Ana "AS"' });
      await sender.send(email('unnamed'));
      // A blank name, or one that only repeats the address (a customer known by their address alone), is left out.
      await sender.send({ ...email('blank'), toName: '   ' });
      await sender.send({ ...email('self'), toName: ' ANN@example.com ' });

      expect(smtp.received.map((r) => r.mail.to)).toEqual([
        expect.objectContaining({ value: [{ name: 'Ana Souza', address: 'ann@example.com' }] }),
        expect.objectContaining({ value: [{ name: '张安', address: 'ann@example.com' }] }),
        expect.objectContaining({ value: [{ name: 'Souza, Ana "AS"', address: 'ann@example.com' }] }),
        ...Array.from({ length: 3 }, () => expect.objectContaining({ value: [{ name: '', address: 'ann@example.com' }] })),
      ]);
      // As written on the wire.
      const toLine = (i: number) => smtp.received[i].mail.headerLines.find((h) => h.key === 'to')?.line;
      expect(toLine(0)).toBe('To: Ana Souza <ann@example.com>');
      expect(toLine(1)).toMatch(/^To: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= <ann@example\.com>$/);
      expect(toLine(2)).toBe('To: "Souza, Ana \\"AS\\"" <ann@example.com>');
      expect([3, 4, 5].map(toLine)).toEqual(Array.from({ length: 3 }, () => 'To: ann@example.com'));
      // Every envelope goes to the address alone.
      expect(smtp.received.map((r) => r.envelope.to)).toEqual(Array.from({ length: 6 }, () => ['ann@example.com']));
    } finally {
      await sender.close();
      await smtp.stop();
    }
  });

  it('sends a retry with the same Message-ID, so the re-send is recognisable', async () => {
    const smtp = await startSmtpCatcher();
    const sender = new SmtpEmailSender({ url: `smtp://127.0.0.1:${smtp.port}`, from: FROM });
    try {
      await sender.send(email('notification:42'));
      await sender.send(email('notification:42'));

      expect(smtp.received.map((r) => r.mail.messageId)).toEqual(['<notification=3A42@firsthand>', '<notification=3A42@firsthand>']);
    } finally {
      await sender.close();
      await smtp.stop();
    }
  });

  it('logs in with the credentials in the URL', async () => {
    const smtp = await startSmtpCatcher();
    const sender = new SmtpEmailSender({ url: `smtp://mailer:s3cret@127.0.0.1:${smtp.port}`, from: FROM });
    try {
      await sender.send(email('k-auth'));
      expect(smtp.logins).toEqual([{ username: 'mailer', password: 's3cret' }]);
    } finally {
      await sender.close();
      await smtp.stop();
    }
  });

  it('treats a 5xx reply as permanent', async () => {
    const smtp = await startSmtpCatcher(() => ({ code: 550, message: 'mailbox unavailable' }));
    const sender = new SmtpEmailSender({ url: `smtp://127.0.0.1:${smtp.port}`, from: FROM });
    try {
      const failure = await failureOf(sender.send(email('k-550')));
      expect(failure).toMatchObject({ code: 'rejected', retryable: false, responseCode: 550 });
      expect(failure.message).toContain('mailbox unavailable');
    } finally {
      await sender.close();
      await smtp.stop();
    }
  });

  it('treats a 4xx reply as worth a retry', async () => {
    const smtp = await startSmtpCatcher(() => ({ code: 451, message: 'try again later' }));
    const sender = new SmtpEmailSender({ url: `smtp://127.0.0.1:${smtp.port}`, from: FROM });
    try {
      expect(await failureOf(sender.send(email('k-451')))).toMatchObject({ code: 'deferred', retryable: true, responseCode: 451 });
    } finally {
      await sender.close();
      await smtp.stop();
    }
  });

  it('treats a connection dropped in the middle of the session as worth a retry', async () => {
    const server = await startTcpServer((socket) => {
      socket.write('220 flaky.test ESMTP\r\n');
      socket.on('data', (data) => {
        if (/^EHLO/i.test(data.toString())) socket.write('250 flaky.test\r\n');
        else socket.destroy(); // MAIL FROM: hang up
      });
    });
    const sender = new SmtpEmailSender({ url: `smtp://127.0.0.1:${server.port}`, from: FROM });
    try {
      expect(await failureOf(sender.send(email('k-drop')))).toMatchObject({ code: 'unreachable', retryable: true });
    } finally {
      await sender.close();
      await server.stop();
    }
  });

  it('gives up on a server that never greets, and says it timed out', async () => {
    const server = await startTcpServer(() => undefined);
    const sender = new SmtpEmailSender({ url: `smtp://127.0.0.1:${server.port}`, from: FROM, greetingTimeoutMs: 300 });
    try {
      const started = Date.now();
      expect(await failureOf(sender.send(email('k-silent')))).toMatchObject({ code: 'timeout', retryable: true });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await sender.close();
      await server.stop();
    }
  });

  it('treats a refused connection as worth a retry', async () => {
    const sender = new SmtpEmailSender({ url: `smtp://127.0.0.1:${await freePortForTest()}`, from: FROM });
    try {
      expect(await failureOf(sender.send(email('k-refused')))).toMatchObject({ code: 'unreachable', retryable: true });
    } finally {
      await sender.close();
    }
  });

  it('closes its pooled connection on close()', async () => {
    const smtp = await startSmtpCatcher();
    const sender = new SmtpEmailSender({ url: `smtp://127.0.0.1:${smtp.port}`, from: FROM });
    try {
      await sender.send(email('k-close'));
      expect(smtp.closedSessions).toBe(0);
      await sender.close();
      await waitFor(() => smtp.closedSessions === 1);
    } finally {
      await smtp.stop();
    }
  });

  describe('logging in with OAuth2 (XOAUTH2; a token endpoint on loopback)', () => {
    let idp: IdentityProvider;
    const oauth2 = () => ({ tokenUrl: idp.url('/token'), clientId: 'firsthand-worker', clientSecret: 'worker-secret', scope: 'https://outlook.office365.com/.default' });
    const relay = (port: number) => `smtp://support%40contoso.com@127.0.0.1:${port}`;

    beforeEach(async () => {
      idp = new IdentityProvider();
      await idp.start();
    });
    afterEach(() => idp.stop());

    it("logs in as the URL's user with a token from the endpoint, one token for several emails", async () => {
      const smtp = await startSmtpCatcher(undefined, { acceptsToken: (_user, token) => idp.issued.includes(token) && !idp.revoked.has(token) });
      const sender = new SmtpEmailSender({ url: relay(smtp.port), from: FROM, oauth2: oauth2() });
      try {
        await sender.send(email('k-oauth-1'));
        await sender.send(email('k-oauth-2'));
        expect(smtp.received).toHaveLength(2);
        expect(smtp.tokenLogins).toEqual([{ username: 'support@contoso.com', accessToken: 'mailbox-token-1', accepted: true }]);
        expect(idp.tokenRequests).toEqual([{ grant_type: 'client_credentials', client_id: 'firsthand-worker', client_secret: 'worker-secret', scope: 'https://outlook.office365.com/.default' }]);
      } finally {
        await sender.close();
        await smtp.stop();
      }
    });

    it('asks for a new token when the server refuses the one it holds, and sends', async () => {
      const smtp = await startSmtpCatcher(undefined, { acceptsToken: (_user, token) => idp.issued.includes(token) && !idp.revoked.has(token) });
      const sender = new SmtpEmailSender({ url: relay(smtp.port), from: FROM, oauth2: oauth2() });
      try {
        await sender.send(email('k-revoke-1'));
        idp.revoked.add('mailbox-token-1');
        smtp.dropSessions();
        await sender.send(email('k-revoke-2'));
        expect(smtp.received).toHaveLength(2);
        expect(smtp.tokenLogins.map((l) => [l.accessToken, l.accepted])).toEqual([
          ['mailbox-token-1', true],
          ['mailbox-token-1', false],
          ['mailbox-token-2', true],
        ]);
      } finally {
        await sender.close();
        await smtp.stop();
      }
    });

    it('retries later while the token endpoint is down or busy, and fails as misconfigured when it refuses the client', async () => {
      const smtp = await startSmtpCatcher(undefined, { acceptsToken: () => true });
      const sender = new SmtpEmailSender({ url: relay(smtp.port), from: FROM, oauth2: oauth2() });
      try {
        idp.refuseWith = { status: 503, error: 'temporarily_unavailable' };
        const busy = await sender.send(email('k-idp-busy')).catch((e: unknown) => e);
        expect(busy).toBeInstanceOf(DeliveryFailed);
        expect(busy).toMatchObject({ code: 'unreachable', retryable: true });
        expect((busy as Error).message).toContain('answered 503 temporarily_unavailable');

        idp.refuseWith = { status: 401, error: 'invalid_client' };
        const refused = await sender.send(email('k-idp-refuses')).catch((e: unknown) => e);
        expect(refused).toMatchObject({ code: 'misconfigured', retryable: false });
        expect((refused as Error).message).toContain('answered 401 invalid_client');
        expect((refused as Error).message).not.toContain('worker-secret');
        expect(smtp.received).toHaveLength(0);
      } finally {
        await sender.close();
        await smtp.stop();
      }
    });
  });
});

describe('SMS through an HTTP gateway', () => {
  let gateway: HttpCatcher;
  let status = 202;
  let headers: Record<string, string> = {};
  beforeAll(async () => {
    gateway = await startHttpCatcher((_request, res) => answerJson(res, status, status < 300 ? { id: 'sms-981' } : { error: 'nope' }, headers));
  });
  afterAll(() => gateway.stop());
  beforeEach(() => {
    gateway.received.length = 0;
    status = 202;
    headers = {};
  });

  const sms: OutboundMessage = { idempotencyKey: 'notification-7', to: '+8613800138000', text: progress.sms };
  const sender = () => new SmsGatewaySender({ url: `${gateway.url}/sms`, apiKey: 'dev-key-123', timeoutMs: 2_000 });

  it('posts the number and text with the bearer key and the idempotency key', async () => {
    const receipt = await sender().send(sms);

    expect(receipt).toEqual({ providerMessageId: 'sms-981', responseCode: 202 });
    expect(gateway.received).toHaveLength(1);
    const [request] = gateway.received as [(typeof gateway.received)[number]];
    expect(request).toMatchObject({ method: 'POST', url: '/sms' });
    expect(request.headers).toMatchObject({ authorization: 'Bearer dev-key-123', 'idempotency-key': 'notification-7', 'content-type': 'application/json' });
    expect(JSON.parse(request.body)).toEqual({ to: '+8613800138000', text: `【Firsthand】李伟 正在处理您的问题： http://localhost:3000/track/FH-7K3QX` });
  });

  it('treats a 500 as worth a retry', async () => {
    status = 500;
    expect(await failureOf(sender().send(sms))).toMatchObject({ code: 'deferred', retryable: true, responseCode: 500 });
  });

  it("keeps a 503's Retry-After for the retry's time", async () => {
    status = 503;
    headers = { 'retry-after': '30' };
    expect(await failureOf(sender().send(sms))).toMatchObject({ code: 'deferred', retryable: true, responseCode: 503, retryAfterMs: 30_000 });
  });

  it('treats a 400 as permanent', async () => {
    status = 400;
    expect(await failureOf(sender().send(sms))).toMatchObject({ code: 'rejected', retryable: false, responseCode: 400 });
  });

  it('does not follow a redirect, and treats it as permanent', async () => {
    const elsewhere = await startHttpCatcher((_request, res) => answerJson(res, 200, { id: 'stolen' }));
    try {
      status = 302;
      headers = { location: `${elsewhere.url}/sms` };
      const failure = await failureOf(sender().send(sms));
      expect(failure).toMatchObject({ code: 'redirect_refused', retryable: false, responseCode: 302 });
      expect(failure.message).toContain(`${elsewhere.url}/sms`);
      expect(gateway.received).toHaveLength(1);
      expect(elsewhere.received).toHaveLength(0);
    } finally {
      await elsewhere.stop();
    }
  });

  it('times out on a gateway that never answers', async () => {
    const silent = await startTcpServer(() => undefined);
    try {
      const slow = new SmsGatewaySender({ url: `http://127.0.0.1:${silent.port}/sms`, apiKey: 'k', timeoutMs: 300 });
      expect(await failureOf(slow.send(sms))).toMatchObject({ code: 'timeout', retryable: true });
    } finally {
      await silent.stop();
    }
  });

  it('treats an unreachable gateway as worth a retry', async () => {
    const nowhere = new SmsGatewaySender({ url: `http://127.0.0.1:${await freePortForTest()}/sms`, apiKey: 'k' });
    expect(await failureOf(nowhere.send(sms))).toMatchObject({ code: 'unreachable', retryable: true });
  });

  it('stops when the caller aborts', async () => {
    const silent = await startTcpServer(() => undefined);
    try {
      const slow = new SmsGatewaySender({ url: `http://127.0.0.1:${silent.port}/sms`, apiKey: 'k', timeoutMs: 5_000 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('worker shutting down')), 100);
      expect(await failureOf(slow.send(sms, controller.signal))).toMatchObject({ code: 'aborted', retryable: true });
    } finally {
      await silent.stop();
    }
  });
});

describe('webhooks', () => {
  const secret = generateWebhookSecret();
  const event = { type: 'ticket.claimed', occurredAt: new Date('2026-03-05T09:30:00Z'), data: { code: 'FH-7K3QX', ownerName: '李伟' } };
  const webhook = (to: string, key = 'notification-11'): OutboundMessage => ({ idempotencyKey: key, to, text: progress.text, event });
  const resolverFor =
    (table: Record<string, string[]>, calls: string[] = []): HostResolver =>
    async (hostname) => {
      calls.push(hostname);
      const addresses = table[hostname];
      if (!addresses) throw Object.assign(new Error(`no such host ${hostname}`), { code: 'ENOTFOUND' });
      return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };

  let receiver: HttpCatcher;
  let status = 204;
  let headers: Record<string, string> = {};
  beforeAll(async () => {
    receiver = await startHttpCatcher((_request, res) => {
      res.writeHead(status, headers);
      res.end();
    });
  });
  afterAll(() => receiver.stop());
  beforeEach(() => {
    receiver.received.length = 0;
    status = 204;
    headers = {};
  });

  it('delivers a body signed per Standard Webhooks when loopback is allowed', async () => {
    const sender = new WebhookSender({ signingSecret: secret, allowPrivateTargets: true });
    const receipt = await sender.send(webhook(`${receiver.url}/hooks/firsthand`));

    expect(receipt).toEqual({ providerMessageId: null, responseCode: 204 });
    const [request] = receiver.received as [(typeof receiver.received)[number]];
    expect(request).toMatchObject({ method: 'POST', url: '/hooks/firsthand' });
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['webhook-id']).toBe('notification-11');
    expect(Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
    const verified = new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
    expect(verified).toEqual({ type: 'ticket.claimed', timestamp: '2026-03-05T09:30:00.000Z', data: { code: 'FH-7K3QX', ownerName: '李伟' } });
    expect(() => new Webhook(generateWebhookSecret()).verify(request.body, request.headers as Record<string, string>)).toThrow(/signature/);
  });

  describe('with private targets refused', () => {
    const strict = (resolveHost?: HostResolver, allowedCidrs?: string[]) =>
      new WebhookSender({ signingSecret: secret, allowPrivateTargets: false, allowedCidrs, resolveHost, timeoutMs: 2_000 });
    const stubbed = resolverFor({ 'hooks.customer.example': ['10.1.2.3'] });

    it.each([
      ['a name resolving to 127.0.0.1', () => `http://loopback.customer.example:${receiver.port}/`, resolverFor({ 'loopback.customer.example': ['127.0.0.1'] }), '127.0.0.1 (loopback)'],
      ['a name resolving to 10.x', () => 'http://hooks.customer.example/', stubbed, '10.1.2.3 (private)'],
      ['a 10.x literal', () => 'http://10.20.30.40/hook', stubbed, '10.20.30.40 (private)'],
      ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/', stubbed, 'link-local'],
      ['[::1]', () => `http://[::1]:${receiver.port}/`, stubbed, '::1 (loopback)'],
      ['127.0.0.1', () => `${receiver.url}/`, stubbed, '127.0.0.1 (loopback)'],
      ['localhost, resolved by the system', () => `http://localhost:${receiver.port}/`, undefined, '(loopback)'],
    ])('refuses %s before connecting', async (_label, url, resolver, why) => {
      const failure = await failureOf(strict(resolver).send(webhook(url())));

      expect(failure).toMatchObject({ code: 'ssrf_refused', retryable: false });
      expect(failure.message).toContain(why);
      expect(receiver.received).toHaveLength(0);
    });

    it('refuses a redirect from an allowed target instead of following it to one that is not', async () => {
      const internal = await startHttpCatcher((_request, res) => answerJson(res, 200));
      try {
        status = 307;
        headers = { location: `http://localhost:${internal.port}/admin` };
        // The first hop is a public-looking name whose address the operator allowed; the redirect is to loopback.
        const sender = strict(resolverFor({ 'hooks.partner.example': ['127.0.0.1'] }), ['127.0.0.1/32']);

        const failure = await failureOf(sender.send(webhook(`http://hooks.partner.example:${receiver.port}/in`)));

        expect(failure).toMatchObject({ code: 'redirect_refused', retryable: false, responseCode: 307 });
        expect(failure.message).toContain(`http://localhost:${internal.port}/admin`);
        expect(receiver.received).toHaveLength(1); // the allowed first hop was reached, signed
        expect(receiver.received[0]!.headers['webhook-signature']).toMatch(/^v1,/);
        expect(internal.received).toHaveLength(0); // and the redirect was not followed
      } finally {
        await internal.stop();
      }
    });

    it('connects to the address it checked, asking DNS once (no rebinding after the check)', async () => {
      const calls: string[] = [];
      // The system resolver does not know this name: the request can only arrive through the pinned address.
      const sender = strict(resolverFor({ 'hooks.partner.example': ['127.0.0.1'] }, calls), ['127.0.0.1/32']);

      await sender.send(webhook(`http://hooks.partner.example:${receiver.port}/in`));

      expect(calls).toEqual(['hooks.partner.example']);
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]!.headers.host).toBe(`hooks.partner.example:${receiver.port}`);
    });
  });

  it.each([
    [410, 'gone', false],
    [400, 'rejected', false],
    [500, 'deferred', true],
    [429, 'deferred', true],
  ] as const)('answers %i as %s (retryable: %s)', async (answer, code, retryable) => {
    status = answer;
    const sender = new WebhookSender({ signingSecret: secret, allowPrivateTargets: true });
    expect(await failureOf(sender.send(webhook(`${receiver.url}/`)))).toMatchObject({ code, retryable, responseCode: answer });
  });

  it("keeps a 429's Retry-After for the retry's time", async () => {
    status = 429;
    headers = { 'retry-after': '45' };
    const sender = new WebhookSender({ signingSecret: secret, allowPrivateTargets: true });
    expect(await failureOf(sender.send(webhook(`${receiver.url}/`)))).toMatchObject({ code: 'deferred', retryable: true, responseCode: 429, retryAfterMs: 45_000 });
  });

  it('times out on a receiver that never answers', async () => {
    const silent = await startTcpServer(() => undefined);
    try {
      const sender = new WebhookSender({ signingSecret: secret, allowPrivateTargets: true, timeoutMs: 300 });
      expect(await failureOf(sender.send(webhook(`http://127.0.0.1:${silent.port}/`)))).toMatchObject({ code: 'timeout', retryable: true });
    } finally {
      await silent.stop();
    }
  });

  it('refuses a message without an event, and a secret that is not whsec_', async () => {
    const sender = new WebhookSender({ signingSecret: secret, allowPrivateTargets: true });
    expect(await failureOf(sender.send({ idempotencyKey: 'k', to: `${receiver.url}/`, text: 'x' }))).toMatchObject({ code: 'invalid_message', retryable: false });
    expect(() => new WebhookSender({ signingSecret: 'plain-secret', allowPrivateTargets: true })).toThrow(/whsec_/);
    expect(receiver.received).toHaveLength(0);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
