#!/usr/bin/env node
// The local notifications outbox for `npm start`: catches what Firsthand sends so a person trying
// it sees every notification a customer would get.
//
//   SMTP  127.0.0.1:$OUTBOX_SMTP_PORT (1025)   any sender, any login, no TLS
//   HTTP  127.0.0.1:$OUTBOX_HTTP_PORT (3002)
//     GET  /               the inbox page (live through Server-Sent Events at /events)
//     POST /sms            an SMS gateway: {to, text}, Authorization: Bearer $OUTBOX_SMS_KEY
//     POST /webhooks[/…]   a webhook receiver; checks the Standard Webhooks signature with
//                          $OUTBOX_WEBHOOK_SECRET when it is set
//     GET  /api/items      what arrived, newest first; DELETE clears it
//
// Keeps the newest 500 items, in memory and appended to $OUTBOX_DATA_DIR/outbox.jsonl (.data/).
// Port 0 picks a free port; the ready line says which: FIRSTHAND_OUTBOX_READY smtp=<port> http=<port>
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';
import { INBOX_CSS, INBOX_HTML, INBOX_SCRIPT } from './lib/outbox-page.mjs';
import { openOutboxStore } from './lib/outbox-store.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1024 * 1024;
const smsKey = process.env.OUTBOX_SMS_KEY || null;
const webhookSecret = process.env.OUTBOX_WEBHOOK_SECRET || null;
const store = openOutboxStore({ file: join(process.env.OUTBOX_DATA_DIR || join(ROOT, '.data'), 'outbox.jsonl') });

const log = (message) => console.log(message);

// ---- SMTP -----------------------------------------------------------------------------------

const smtp = new SMTPServer({
  logger: false,
  banner: 'Firsthand dev outbox',
  disabledCommands: ['STARTTLS'],
  authOptional: true,
  allowInsecureAuth: true,
  size: 10 * 1024 * 1024,
  onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
  onData(stream, session, callback) {
    simpleParser(stream).then(
      (mail) => {
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        const item = store.add({
          channel: 'email',
          dedupeKey: mail.messageId ? `email:${mail.messageId}` : undefined,
          email: {
            from: mail.from?.text ?? session.envelope.mailFrom?.address ?? '',
            to,
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            messageId: mail.messageId ?? null,
          },
        });
        log(`email to ${to.join(', ')}: ${item.email.subject}`);
        callback(null, `queued as ${item.id}`);
      },
      (error) => callback(error),
    );
  },
});

// ---- HTTP -----------------------------------------------------------------------------------

const http = createServer(async (req, res) => {
  try {
    const path = new URL(req.url ?? '/', 'http://outbox').pathname;
    if (req.method === 'GET' && path === '/') return send(res, 200, 'text/html; charset=utf-8', INBOX_HTML);
    if (req.method === 'GET' && path === '/inbox.js') return send(res, 200, 'text/javascript; charset=utf-8', INBOX_SCRIPT);
    if (req.method === 'GET' && path === '/inbox.css') return send(res, 200, 'text/css; charset=utf-8', INBOX_CSS);
    if (req.method === 'GET' && path === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    if (req.method === 'GET' && path === '/events') return streamEvents(req, res);
    if (req.method === 'GET' && path === '/api/items') return json(res, 200, { items: store.list() });
    if (req.method === 'DELETE' && path === '/api/items') {
      store.clear();
      return json(res, 200, { cleared: true });
    }
    if (req.method === 'POST' && path === '/sms') return await receiveSms(req, res);
    if (req.method === 'POST' && (path === '/webhooks' || path.startsWith('/webhooks/'))) return await receiveWebhook(req, res, path);
    return json(res, 404, { error: `no route ${req.method} ${path}` });
  } catch (error) {
    if (error instanceof RequestError) return json(res, error.status, { error: error.message });
    console.error(error);
    return json(res, 500, { error: 'outbox error' });
  }
});

async function receiveSms(req, res) {
  if (smsKey && req.headers.authorization !== `Bearer ${smsKey}`) throw new RequestError(401, 'missing or wrong bearer key');
  let body;
  try {
    body = JSON.parse(await readBody(req));
  } catch (error) {
    if (error instanceof RequestError) throw error;
    throw new RequestError(400, 'body must be JSON {to, text}');
  }
  if (typeof body?.to !== 'string' || typeof body?.text !== 'string' || !body.to || !body.text) throw new RequestError(400, 'body must be JSON {to, text}');
  const idempotencyKey = req.headers['idempotency-key'] || null;
  const item = store.add({
    channel: 'sms',
    dedupeKey: idempotencyKey ? `sms:${idempotencyKey}` : undefined,
    sms: { to: body.to, text: body.text, idempotencyKey },
  });
  log(`sms to ${body.to}: ${body.text}`);
  json(res, 202, { id: item.id, status: 'queued' });
}

async function receiveWebhook(req, res, path) {
  const body = await readBody(req);
  const headers = { 'webhook-id': req.headers['webhook-id'], 'webhook-timestamp': req.headers['webhook-timestamp'], 'webhook-signature': req.headers['webhook-signature'] };
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const item = store.add({
    channel: 'webhook',
    dedupeKey: headers['webhook-id'] ? `webhook:${headers['webhook-id']}` : undefined,
    webhook: {
      path,
      webhookId: headers['webhook-id'] ?? null,
      timestamp: headers['webhook-timestamp'] ?? null,
      signatureHeader: headers['webhook-signature'] ?? null,
      signature: checkSignature(body, headers),
      body,
      json: parsed,
    },
  });
  log(`webhook ${path} ${parsed?.type ?? ''} (signature ${item.webhook.signature.status})`);
  json(res, 200, { received: item.id });
}

function checkSignature(body, headers) {
  if (!webhookSecret) return { status: 'unchecked', detail: 'OUTBOX_WEBHOOK_SECRET is not set' };
  try {
    new Webhook(webhookSecret).verify(body, headers);
    return { status: 'verified', detail: 'matches OUTBOX_WEBHOOK_SECRET' };
  } catch (error) {
    return { status: 'invalid', detail: error?.message ?? String(error) };
  }
}

function streamEvents(req, res) {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write('retry: 2000\n\n');
  const unsubscribe = store.subscribe((event) => {
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event.item ?? {})}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

class RequestError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function readBody(req) {
  return new Promise((resolveBody, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new RequestError(413, 'body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// The inbox shows mail as it was sent, so its page must not run what the mail carries.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...SECURITY_HEADERS });
  res.end(body);
}

function json(res, status, value) {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

// ---- start and stop -------------------------------------------------------------------------

function portFrom(name, fallback) {
  const raw = process.env[name];
  const port = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`${name}=${raw} is not a port (0-65535).`);
    process.exit(78);
  }
  return port;
}

function listen(server, port) {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => resolveListen(server.address().port));
  });
}

const smtpPort = await listen(smtp.server, portFrom('OUTBOX_SMTP_PORT', 1025)).catch(fail('SMTP', 'OUTBOX_SMTP_PORT'));
const httpPort = await listen(http, portFrom('OUTBOX_HTTP_PORT', 3002)).catch(fail('HTTP', 'OUTBOX_HTTP_PORT'));
log(`Dev outbox: inbox http://localhost:${httpPort}, SMTP 127.0.0.1:${smtpPort}${smsKey ? '' : ' (SMS without a key check)'}${webhookSecret ? '' : ' (webhook signatures not checked)'}`);
console.log(`FIRSTHAND_OUTBOX_READY smtp=${smtpPort} http=${httpPort}`);

function fail(what, variable) {
  return (error) => {
    console.error(`The dev outbox cannot listen for ${what} (${variable}): ${error.code ?? error.message}`);
    process.exit(1);
  };
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    http.closeAllConnections();
    http.close();
    smtp.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3_000).unref();
  });
}
