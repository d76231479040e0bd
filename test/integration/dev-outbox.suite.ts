// scripts/dev-outbox.mjs as `npm start` runs it: a child process on free ports, fed by the real
// channel senders, read back through its JSON listing, and still holding its items after a restart.
// Its "write as a customer" form mails a real SMTP server standing in for the worker's listener.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { DeliveryFailed, generateWebhookSecret, renderCustomerProgress, SmsGatewaySender, SmtpEmailSender, WebhookSender } from '@firsthand/notifications';
import { DEMO_CUSTOMER, sendDemoMailThread } from '../../scripts/lib/demo-mail-thread.mjs';
import { pngImage } from '../../scripts/lib/png.mjs';
import { freePortForTest } from '../support/free-port.js';

interface Outbox {
  child: ChildProcess;
  smtpPort: number;
  httpUrl: string;
  stop(): Promise<void>;
}

const SCRIPT = resolve('scripts/dev-outbox.mjs');
const SMS_KEY = 'dev-sms-key-0123';
const WEBHOOK_SECRET = generateWebhookSecret();

async function startOutbox(dataDir: string, extraEnv: Record<string, string> = {}): Promise<Outbox> {
  const child = spawn(process.execPath, [SCRIPT], {
    env: { PATH: process.env.PATH ?? '', OUTBOX_SMTP_PORT: '0', OUTBOX_HTTP_PORT: '0', OUTBOX_DATA_DIR: dataDir, OUTBOX_SMS_KEY: SMS_KEY, OUTBOX_WEBHOOK_SECRET: WEBHOOK_SECRET, ...extraEnv },
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
  // Made in beforeAll, not when the file is read: a run that skips this describe (-t) never makes it, never leaves it behind.
  let dataDir: string;
  let outbox: Outbox;
  const site = { publicBaseUrl: 'http://localhost:3000', timeZone: 'Asia/Shanghai' };
  const message = renderCustomerProgress('claimed', 'zh-CN', { ticketCode: 'FH-7K3QX', subject: '路由器经常断线', agentName: '李伟' }, site);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'firsthand-outbox-'));
    outbox = await startOutbox(dataDir);
  });
  afterAll(async () => {
    await outbox?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
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
    expect(mail.email).toMatchObject({ to: ['ann@example.com'], subject: 'Re: 【FH-7K3QX】路由器经常断线', messageId: '<n-email-1@firsthand>' });
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
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");
    const html = await page.text();
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<form id="compose-form" method="post" action="/compose" enctype="multipart/form-data">');
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

interface Delivered {
  mailFrom: string;
  rcptTo: string[];
  raw: Buffer;
}

/** A real SMTP server in the worker's place: keeps the bytes it accepted, refuses the recipients it is told to. */
async function startInboundListener(refuse: string[] = []) {
  const delivered: Delivered[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse.includes(address.address)) return callback(Object.assign(new Error('5.1.1 No ticket at this address'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        delivered.push({ mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', rcptTo: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        callback(null, 'taken as ticket mail');
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    delivered,
    port: (server.server.address() as AddressInfo).port,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('dev outbox: write as a customer', () => {
  let dataDir: string;
  const screenshot = pngImage(32, 20, (x, y) => (x < 8 && y < 8 ? [207, 34, 46] : [255, 255, 255]));
  let outbox: Outbox;
  let listener: Awaited<ReturnType<typeof startInboundListener>>;

  const form = (fields: Record<string, string>, file?: { bytes: Uint8Array; name: string; type: string }) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.set(name, value);
    if (file) body.set('file', new Blob([file.bytes], { type: file.type }), file.name);
    return body;
  };
  const post = (body: FormData, accept = 'application/json') => fetch(`${outbox.httpUrl}/compose`, { method: 'POST', body, headers: { accept } });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'firsthand-outbox-compose-'));
    listener = await startInboundListener(['nobody@firsthand.local']);
    outbox = await startOutbox(dataDir, { OUTBOX_INBOUND_SMTP_PORT: String(listener.port), OUTBOX_SUPPORT_ADDRESS: 'support@firsthand.local' });
  });
  afterAll(async () => {
    await outbox?.stop();
    await listener?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('tells the page where it sends', async () => {
    const settings = await (await fetch(`${outbox.httpUrl}/api/compose`)).json();
    expect(settings).toEqual({ supportAddress: 'support@firsthand.local', inboundSmtp: `smtp://127.0.0.1:${listener.port}`, maxFileBytes: 5 * 1024 * 1024 });
  });

  it('sends the form as a real email, with its file attached, to the support address', async () => {
    const answer = await post(form({ fromName: '刘洋', fromAddress: 'liu.yang@customer.example', subject: '路由器断线', text: '每天晚上都断线，截图见附件。' }, { bytes: screenshot, name: '截图.png', type: 'image/png' }));

    expect(answer.status).toBe(202);
    expect(await answer.json()).toMatchObject({ accepted: true, response: expect.stringMatching(/^250 .*taken as ticket mail/) });
    expect(listener.delivered).toHaveLength(1);
    const [sent] = listener.delivered;
    expect(sent).toMatchObject({ mailFrom: 'liu.yang@customer.example', rcptTo: ['support@firsthand.local'] });
    const mail = await simpleParser(sent!.raw);
    expect(mail.from?.value).toEqual([{ name: '刘洋', address: 'liu.yang@customer.example' }]);
    expect(mail.subject).toBe('路由器断线');
    expect(mail.text?.trim()).toBe('每天晚上都断线，截图见附件。');
    expect(mail.inReplyTo).toBeUndefined();
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([['截图.png', 'image/png']]);
    expect(Buffer.compare(mail.attachments[0]!.content, Buffer.from(screenshot))).toBe(0);
  });

  it('pre-fills a Reply from a caught customer mail, and the reply carries its thread headers', async () => {
    const email = new SmtpEmailSender({ url: `smtp://127.0.0.1:${outbox.smtpPort}`, from: 'Firsthand Support <support@firsthand.local>' });
    try {
      await email.send({
        idempotencyKey: 'n-reply-1',
        to: 'Ann Lee <ann@example.com>',
        subject: 'Re: 【FH-7K3QX】路由器经常断线',
        text: '请重启路由器后再试。',
        thread: { replyTo: 'support+fh-7k3qx@firsthand.local', inReplyTo: 'first@customer.example', references: ['first@customer.example', 'n-older@firsthand'] },
      });
      await email.send({ idempotencyKey: 'n-agent-1', to: 'li.wei@firsthand.local', subject: 'New ticket FH-7K3QX', text: 'for an agent' });
    } finally {
      await email.close();
    }
    const items = await listed(outbox);
    const customerMail = items.find((item) => item.email?.messageId === '<n-reply-1@firsthand>')!;
    const agentNotice = items.find((item) => item.email?.messageId === '<n-agent-1@firsthand>')!;

    const draftAnswer = await fetch(`${outbox.httpUrl}/api/items/${customerMail.id}/reply`);
    const draft = (await draftAnswer.json()) as Record<string, string>;
    expect(draft).toEqual({
      fromName: 'Ann Lee',
      fromAddress: 'ann@example.com',
      to: 'support+fh-7k3qx@firsthand.local',
      subject: 'Re: 【FH-7K3QX】路由器经常断线',
      inReplyTo: '<n-reply-1@firsthand>',
      references: '<first@customer.example> <n-older@firsthand> <n-reply-1@firsthand>',
      // Quoted under an empty first line, as a mail client starts a reply.
      text: expect.stringMatching(/^\n\nOn \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} UTC, "Firsthand Support" <support@firsthand\.local> wrote:\n> 请重启路由器后再试。\n$/),
    });
    expect((await fetch(`${outbox.httpUrl}/api/items/${agentNotice.id}/reply`)).status).toBe(409);
    expect((await fetch(`${outbox.httpUrl}/api/items/email-nope/reply`)).status).toBe(404);

    const before = listener.delivered.length;
    const answer = await post(form({ ...draft, text: `重启了，还是不行。${draft.text}` }));
    expect(answer.status).toBe(202);
    const sent = listener.delivered[before]!;
    expect(sent.rcptTo).toEqual(['support+fh-7k3qx@firsthand.local']);
    const raw = sent.raw.toString('utf8');
    expect(raw).toMatch(/^In-Reply-To: <n-reply-1@firsthand>\r?$/m);
    expect(raw).toMatch(/^References: <first@customer.example> <n-older@firsthand>\s+<n-reply-1@firsthand>\r?$/m);
    const mail = await simpleParser(sent.raw);
    expect(mail.subject).toBe('Re: 【FH-7K3QX】路由器经常断线');
    expect(mail.from?.value).toEqual([{ name: 'Ann Lee', address: 'ann@example.com' }]);
    expect(mail.text).toMatch(/^重启了，还是不行。\n\nOn .+ wrote:\n> 请重启路由器后再试。\n?$/);
  });

  it('refuses a file over 5 MB with 413 and sends nothing', async () => {
    const before = listener.delivered.length;
    const big = new Uint8Array(6 * 1024 * 1024);
    const answer = await post(form({ fromAddress: 'liu.yang@customer.example', subject: 'big', text: 'x' }, { bytes: big, name: 'big.bin', type: 'application/octet-stream' }));

    expect(answer.status).toBe(413);
    expect(((await answer.json()) as { error: string }).error).toMatch(/larger than/);
    // The same without a Content-Length: refused while it streams in.
    const streamed = new Response(form({ fromAddress: 'liu.yang@customer.example', subject: 'big', text: 'x' }, { bytes: big, name: 'big.bin', type: 'application/octet-stream' }));
    const chunked = await fetch(`${outbox.httpUrl}/compose`, {
      method: 'POST',
      body: streamed.body,
      headers: { 'content-type': streamed.headers.get('content-type')! },
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    // Just over the file limit, inside the body limit: the file itself is refused.
    const justOver = await post(form({ fromAddress: 'liu.yang@customer.example', subject: 'big', text: 'x' }, { bytes: new Uint8Array(5 * 1024 * 1024 + 1), name: 'big.bin', type: 'application/octet-stream' }));
    expect([justOver.status, ((await justOver.json()) as { error: string }).error]).toEqual([413, 'the file is larger than 5 MB']);
    expect(listener.delivered).toHaveLength(before);
  });

  it('answers bad input with a clear 4xx, shows the listener refusing, and sends nothing it should not', async () => {
    const before = listener.delivered.length;
    const cases: Array<[FormData, number, RegExp]> = [
      [form({ subject: 'no sender', text: 'x' }), 400, /fromAddress must be an email address/],
      [form({ fromAddress: 'a@b.example', subject: 'one\r\nBcc: victim@example.com', text: 'x' }), 400, /subject must be one line/],
      [form({ fromAddress: 'a@b.example', subject: 'empty' }), 400, /write a text or attach a file/],
      [form({ fromAddress: 'a@b.example', subject: 's', text: 'x', inReplyTo: 'not-an-id' }), 400, /inReplyTo must be one Message-ID/],
      [form({ fromAddress: 'a@b.example', subject: 's', text: 'x', to: 'a@b@c' }), 400, /to must be an email address/],
    ];
    for (const [body, status, message] of cases) {
      const answer = await post(body);
      expect([answer.status, ((await answer.json()) as { error: string }).error]).toEqual([status, expect.stringMatching(message)]);
    }
    const notMultipart = await fetch(`${outbox.httpUrl}/compose`, { method: 'POST', body: '{"subject":"x"}', headers: { 'content-type': 'application/json' } });
    expect(notMultipart.status).toBe(415);
    const otherSite = await fetch(`${outbox.httpUrl}/compose`, { method: 'POST', body: form({ fromAddress: 'a@b.example', subject: 's', text: 'x' }), headers: { origin: 'http://evil.example' } });
    expect(otherSite.status).toBe(403);
    expect((await fetch(`${outbox.httpUrl}/api/items/%E0%A4%A/reply`)).status).toBe(404);
    const broken = await fetch(`${outbox.httpUrl}/compose`, { method: 'POST', body: '--x\r\nnonsense', headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    expect(broken.status).toBe(400);
    expect(listener.delivered).toHaveLength(before);

    const refused = await post(form({ fromAddress: 'a@b.example', to: 'nobody@firsthand.local', subject: 's', text: 'x' }));
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({ accepted: false, response: expect.stringMatching(/^550 5\.1\.1 No ticket at this address/) });

    // Without the page's script, a browser gets the answer as a page, everything escaped.
    const page = await post(form({ fromAddress: 'a@b.example', subject: '<script>x</script>', text: 'x', to: 'nobody@firsthand.local' }), 'text/html');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<h1>Not sent (422)</h1>');
    expect(listener.delivered).toHaveLength(before);
  });

  it('sends the demo email thread: GB2312 text and subject, a real PNG, a follow-up on its Message-ID', async () => {
    const before = listener.delivered.length;
    const answers = await sendDemoMailThread({ port: listener.port, supportAddress: 'support@firsthand.local', pauseMs: 0 });

    expect(answers.map((a) => a.accepted)).toEqual([true, true]);
    const [first, followUp] = listener.delivered.slice(before) as [Delivered, Delivered];
    expect(first.mailFrom).toBe(DEMO_CUSTOMER.address);
    expect(first.raw.toString('latin1')).toMatch(/^Content-Type: text\/plain; charset="GB2312"\r$/m);
    expect(first.raw.toString('latin1')).toMatch(/^Subject: =\?GB2312\?B\?/m);
    const issue = await simpleParser(first.raw);
    expect(issue.messageId).toBe('<demo-1@customer.example>');
    expect(issue.subject).toBe('路由器每天晚上断线，附截图');
    expect(issue.from?.value).toEqual([{ name: '刘洋', address: 'liu.yang@customer.example' }]);
    expect(issue.text).toContain('我家的路由器（型号 FH-R300）这周每天晚上八点左右就断线');
    expect(issue.attachments.map((a) => a.filename)).toEqual(['断线截图.png']);
    expect(await fileTypeFromBuffer(issue.attachments[0]!.content)).toEqual({ ext: 'png', mime: 'image/png' });
    const reply = await simpleParser(followUp.raw);
    expect([reply.messageId, reply.inReplyTo, reply.references]).toEqual(['<demo-2@customer.example>', '<demo-1@customer.example>', '<demo-1@customer.example>']);
    expect(reply.subject).toBe('Re: 路由器每天晚上断线，附截图');
  });

  it('only warns when nobody listens for the demo email thread', async () => {
    const warnings: string[] = [];
    const answers = await sendDemoMailThread({ port: await freePortForTest(), supportAddress: 'support@firsthand.local', warn: (m) => warnings.push(m), pauseMs: 0 });

    expect(answers).toEqual([{ accepted: false, unreachable: true, response: expect.stringMatching(/no answer from smtp:\/\/127\.0\.0\.1:\d+ \(.*ECONNREFUSED.*\)/) }]);
    expect(warnings).toEqual([expect.stringMatching(/^Demo email <demo-1@customer.example> was not delivered/)]);
  });
});

describe('dev outbox: a sender that vanishes mid-message', () => {
  let dataDir: string;
  let outbox: Outbox;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'firsthand-outbox-'));
    outbox = await startOutbox(dataDir);
  });
  afterAll(async () => {
    await outbox?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** A client that starts a message and is reset in the middle of it, as a worker killed mid-send. */
  async function resetMidMessage(): Promise<void> {
    const socket = connect(outbox.smtpPort, '127.0.0.1');
    socket.on('error', () => undefined);
    let said = '';
    socket.on('data', (d: Buffer) => (said += d.toString('latin1')));
    const answered = async (code: string) => {
      for (let waited = 0; !new RegExp(`^${code} `, 'm').test(said); waited += 10) {
        if (waited > 5000) throw new Error(`no ${code} in: ${said}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      said = '';
    };
    await answered('220');
    for (const [command, code] of [['EHLO worker', '250'], ['MAIL FROM:<support@firsthand.local>', '250'], ['RCPT TO:<gone@example.com>', '250'], ['DATA', '354']] as const) {
      socket.write(`${command}\r\n`);
      await answered(code);
    }
    socket.write('Subject: half a message\r\n\r\nThe worker died here');
    socket.resetAndDestroy();
    await new Promise((r) => setTimeout(r, 100));
  }

  it('keeps running (the inbox page is npm start\'s) and takes the next mail', async () => {
    // Each reset crashed the process about every other time before it listened for connection errors.
    for (let i = 0; i < 6; i++) {
      await resetMidMessage();
      expect({ reset: i + 1, exitCode: outbox.child.exitCode }).toEqual({ reset: i + 1, exitCode: null });
    }
    const email = new SmtpEmailSender({ url: `smtp://127.0.0.1:${outbox.smtpPort}`, from: 'Firsthand Support <support@firsthand.local>' });
    try {
      await email.send({ idempotencyKey: 'n-after-reset', to: 'next@example.com', subject: 'After the reset', text: 'Still here.' });
    } finally {
      await email.close();
    }
    expect((await listed(outbox)).map((item) => item.email?.subject)).toEqual(['After the reset']);
  });
});
