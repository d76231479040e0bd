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
//     GET  /api/items/:id/reply   the "write as a customer" form pre-filled as a reply to a caught
//                          customer mail (To its Reply-To, In-Reply-To its Message-ID, References)
//     GET  /api/compose    where the form sends: the support address and the inbound SMTP listener
//     POST /compose        the form (multipart/form-data, a file up to 5 MB): sent as a real email
//                          over SMTP to 127.0.0.1:$OUTBOX_INBOUND_SMTP_PORT (Firsthand's worker);
//                          answers with the listener's reply (JSON, or a small page for a browser)
//
// Keeps the newest 500 items, in memory and appended to $OUTBOX_DATA_DIR/outbox.jsonl (.data/).
// Port 0 picks a free port; the ready line says which: FIRSTHAND_OUTBOX_READY smtp=<port> http=<port>
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';
import { ComposeRefused, COMPOSE_LIMITS, composedMail, isCustomerMail, replyDraftFor, sendToInbound } from './lib/customer-mail.mjs';
import { composeAnswerPage, INBOX_CSS, INBOX_HTML, INBOX_SCRIPT } from './lib/outbox-page.mjs';
import { openOutboxStore } from './lib/outbox-store.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1024 * 1024;
const DRAIN_BYTES = 64 * 1024 * 1024;
const smsKey = process.env.OUTBOX_SMS_KEY || null;
const webhookSecret = process.env.OUTBOX_WEBHOOK_SECRET || null;
const inboundSmtpPort = process.env.OUTBOX_INBOUND_SMTP_PORT ? portFrom('OUTBOX_INBOUND_SMTP_PORT', 0) : null;
const supportAddress = (process.env.OUTBOX_SUPPORT_ADDRESS || 'support@firsthand.local').trim().toLowerCase();
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
        const references = mail.references === undefined ? [] : [mail.references].flat();
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
            // The thread headers, so a Reply from the inbox joins the ticket's thread.
            toName: mail.to?.value?.[0]?.name || null,
            replyTo: mail.replyTo?.value?.[0]?.address ?? null,
            inReplyTo: mail.inReplyTo ?? null,
            references,
            attachments: mail.attachments.map((a) => ({ filename: a.filename ?? null, contentType: a.contentType, size: a.size })),
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
    if (req.method === 'GET' && /^\/api\/items\/[\w-]+\/reply$/.test(path)) return replyDraft(res, path.split('/')[3]);
    if (req.method === 'GET' && path === '/api/compose') return json(res, 200, composeSettings());
    if (req.method === 'POST' && path === '/compose') return await compose(req, res);
    if (req.method === 'DELETE' && path === '/api/items') {
      store.clear();
      return json(res, 200, { cleared: true });
    }
    if (req.method === 'POST' && path === '/sms') return await receiveSms(req, res);
    if (req.method === 'POST' && (path === '/webhooks' || path.startsWith('/webhooks/'))) return await receiveWebhook(req, res, path);
    return json(res, 404, { error: `no route ${req.method} ${path}` });
  } catch (error) {
    if (error instanceof RequestError || error instanceof ComposeRefused) return json(res, error.status, { error: error.message });
    console.error(error);
    return json(res, 500, { error: 'outbox error' });
  }
});

function composeSettings() {
  return { supportAddress, inboundSmtp: inboundSmtpPort ? `smtp://${HOST}:${inboundSmtpPort}` : null, maxFileBytes: COMPOSE_LIMITS.fileBytes };
}

function replyDraft(res, id) {
  const item = store.list().find((candidate) => candidate.id === id);
  if (!item || item.channel !== 'email') throw new RequestError(404, `no caught email ${id}`);
  if (!isCustomerMail(item.email)) throw new RequestError(409, 'this email went to an agent, not to a customer: it has no thread to reply to');
  json(res, 200, replyDraftFor(item.email, supportAddress, item.receivedAt));
}

let composing = 0;
const MAX_COMPOSING = 4;

/** The "write as a customer" form: a real email into Firsthand's inbound SMTP listener. */
async function compose(req, res) {
  const answer = (status, value) => {
    if (/\btext\/html\b/.test(req.headers.accept ?? '')) return send(res, status, 'text/html; charset=utf-8', composeAnswerPage(status, value));
    return json(res, status, value);
  };
  try {
    // Another site open in the same browser must not be able to mail Firsthand through this page.
    if (req.headers.origin && req.headers.origin !== `http://${req.headers.host}`) throw new RequestError(403, 'the form is sent from the inbox page only');
    if (!inboundSmtpPort) throw new RequestError(409, 'no inbound SMTP listener to write to: start the inbox with OUTBOX_INBOUND_SMTP_PORT (npm start does)');
    const type = req.headers['content-type'] ?? '';
    if (!/^multipart\/form-data;\s*boundary=/i.test(type)) throw new RequestError(415, 'send the form as multipart/form-data');
    if (composing >= MAX_COMPOSING) throw new RequestError(429, `at most ${MAX_COMPOSING} emails are sent at once; try again in a moment`);
    composing++;
    try {
      const body = await readBytes(req, COMPOSE_LIMITS.bodyBytes);
      let form;
      try {
        form = await new Response(body, { headers: { 'content-type': type } }).formData();
      } catch {
        throw new RequestError(400, 'the body is not a readable multipart form');
      }
      const mail = composedMail(form, { supportAddress });
      const sent = await sendToInbound({ host: HOST, port: inboundSmtpPort }, mail);
      log(`customer mail from ${mail.from.address} to ${mail.to}: ${sent.response}`);
      // A refusal is the listener's verdict on this mail (422); silence means the worker is not there (502).
      return answer(sent.accepted ? 202 : sent.unreachable ? 502 : 422, sent);
    } finally {
      composing--;
    }
  } catch (error) {
    if (error instanceof RequestError || error instanceof ComposeRefused) return answer(error.status, { accepted: false, error: error.message });
    throw error;
  }
}

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

async function readBody(req) {
  return (await readBytes(req, MAX_BODY_BYTES)).toString('utf8');
}

/**
 * The request body, refused with 413 beyond `limit`. The rest of a refused body is read and
 * dropped (up to a bound) so the client finishes sending and then sees the 413, not a reset.
 */
function readBytes(req, limit) {
  return new Promise((resolveBody, reject) => {
    const refuse = () => reject(new RequestError(413, `body larger than ${Math.floor(limit / 1024)} KB`));
    const chunks = [];
    let size = 0;
    if (Number(req.headers['content-length']) > limit) refuse();
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size - chunk.length <= limit) refuse();
      if (size > limit + DRAIN_BYTES) req.destroy();
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

// The inbox shows mail as it was sent, so its page must not run what the mail carries.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'none'",
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

// A sender that vanishes mid-message (a worker killed mid-send) is an error of that connection, not
// of the inbox: without a listener smtp-server's 'error' event would end this process.
smtp.on('error', (error) => log(`SMTP: ${error.message} (${error.remoteAddress ?? 'a client'}); that message was not kept`));

function listen(server, port) {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => resolveListen(server.address().port));
  });
}

const smtpPort = await listen(smtp.server, portFrom('OUTBOX_SMTP_PORT', 1025)).catch(fail('SMTP', 'OUTBOX_SMTP_PORT'));
const httpPort = await listen(http, portFrom('OUTBOX_HTTP_PORT', 3002)).catch(fail('HTTP', 'OUTBOX_HTTP_PORT'));
log(`Dev outbox: inbox http://localhost:${httpPort}, SMTP 127.0.0.1:${smtpPort}${smsKey ? '' : ' (SMS without a key check)'}${webhookSecret ? '' : ' (webhook signatures not checked)'}`);
log(inboundSmtpPort ? `"Write as a customer" sends to ${supportAddress} through smtp://${HOST}:${inboundSmtpPort}` : '"Write as a customer" is off (OUTBOX_INBOUND_SMTP_PORT is not set)');
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
