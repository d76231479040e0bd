// The dev outbox's web inbox: one page, no framework. Everything shown is set as text (never as
// HTML), except an email's HTML, which goes into a sandboxed iframe: no scripts, no same origin.
// Its "write as a customer" form posts to /compose (multipart), which mails Firsthand for real.

export const INBOX_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Firsthand notifications inbox</title>
<link rel="stylesheet" href="/inbox.css">
<script src="/inbox.js" defer></script>
</head>
<body>
<header>
  <h1>Notifications inbox</h1>
  <p class="hint">Every email, SMS and webhook Firsthand sends while running locally (<span id="count">0</span> kept, newest first).</p>
  <nav>
    <button data-filter="all" class="active">All</button>
    <button data-filter="email">Email</button>
    <button data-filter="sms">SMS</button>
    <button data-filter="webhook">Webhooks</button>
    <span id="live" class="live">connecting…</span>
    <button id="clear" class="clear">Clear</button>
  </nav>
</header>
<section class="compose">
<details id="compose">
  <summary>Write as a customer</summary>
  <form id="compose-form" method="post" action="/compose" enctype="multipart/form-data">
    <p class="hint" id="compose-target">Sends a real email into Firsthand's inbound SMTP listener, as a customer's mail client would.</p>
    <div class="fields">
      <label>Your name <input name="fromName" maxlength="100" autocomplete="off" placeholder="刘洋"></label>
      <label>Your email address <input name="fromAddress" type="email" required maxlength="254" autocomplete="off" placeholder="liu.yang@customer.example"></label>
      <label>To <input name="to" type="email" maxlength="254" placeholder="support@firsthand.local"></label>
      <label>Subject <input name="subject" required maxlength="200"></label>
    </div>
    <label>Text <textarea name="text" rows="6" maxlength="50000"></textarea></label>
    <label>File (up to 5 MB, e.g. a screenshot) <input name="file" type="file"></label>
    <details class="thread">
      <summary>Thread headers (a Reply fills them in)</summary>
      <label>In-Reply-To <input name="inReplyTo" maxlength="300" autocomplete="off"></label>
      <label>References <input name="references" maxlength="16000" autocomplete="off"></label>
    </details>
    <div class="actions">
      <button type="submit" class="send">Send email</button>
      <button type="reset">New mail</button>
      <span id="compose-answer" role="status"></span>
    </div>
  </form>
</details>
</section>
<main id="items"><p class="empty">Nothing yet. Notifications appear here the moment they are sent.</p></main>
</body>
</html>
`;

export const INBOX_CSS = `
:root { color-scheme: light; --line: #d9dee5; --muted: #66717f; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1f2933; background: #f5f6f8; }
header { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line); padding: 12px 24px; z-index: 1; }
h1 { margin: 0; font-size: 20px; }
.hint { margin: 2px 0 8px; color: var(--muted); }
nav { display: flex; gap: 8px; align-items: center; }
button { font: inherit; padding: 4px 12px; border: 1px solid var(--line); border-radius: 6px; background: #fff; cursor: pointer; }
button.active { background: #1f6feb; border-color: #1f6feb; color: #fff; }
.live { margin-left: auto; color: var(--muted); font-size: 13px; }
.live.on { color: #1a7f37; }
main { max-width: 980px; margin: 0 auto; padding: 16px 24px 48px; }
.empty { color: var(--muted); text-align: center; margin-top: 48px; }
article { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin-bottom: 12px; overflow: hidden; }
article.fresh { animation: fresh 2s ease-out; }
@keyframes fresh { from { box-shadow: 0 0 0 3px #1f6feb55; } to { box-shadow: none; } }
.head { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; padding: 10px 14px; border-bottom: 1px solid var(--line); }
.badge { font-size: 12px; font-weight: 600; padding: 1px 8px; border-radius: 10px; text-transform: uppercase; letter-spacing: .03em; }
.badge.email { background: #ddf4ff; color: #0550ae; }
.badge.sms { background: #dafbe1; color: #116329; }
.badge.webhook { background: #fbefff; color: #6e40c9; }
.badge.repeat { background: #fff8c5; color: #7d4e00; text-transform: none; }
.badge.ok { background: #dafbe1; color: #116329; text-transform: none; }
.badge.bad { background: #ffebe9; color: #a40e26; text-transform: none; }
.badge.unchecked { background: #eaeef2; color: #57606a; text-transform: none; }
.title { font-weight: 600; flex: 1 1 300px; }
.meta { color: var(--muted); font-size: 13px; }
.body { padding: 12px 14px; }
.body pre { margin: 0; white-space: pre-wrap; word-break: break-word; font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; }
.sms-text { font-size: 16px; white-space: pre-wrap; word-break: break-word; }
iframe { width: 100%; height: 420px; border: 1px solid var(--line); border-radius: 6px; resize: vertical; background: #fff; }
details { margin-top: 8px; }
summary { cursor: pointer; color: var(--muted); font-size: 13px; }
.compose { max-width: 980px; margin: 16px auto 0; padding: 0 24px; }
#compose { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; margin: 0; }
#compose > summary { font-size: 15px; font-weight: 600; color: #1f2933; }
#compose label { display: block; margin: 6px 0; font-size: 13px; color: var(--muted); }
#compose input:not([type=file]), #compose textarea { display: block; width: 100%; font: inherit; color: #1f2933; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; }
.fields { display: grid; grid-template-columns: 1fr 1fr; gap: 0 12px; }
.actions { display: flex; gap: 8px; align-items: center; margin-top: 8px; }
button.send, button.reply { background: #1f6feb; border-color: #1f6feb; color: #fff; }
#compose-answer { font-size: 13px; overflow-wrap: anywhere; }
#compose-answer.ok { color: #1a7f37; }
#compose-answer.bad { color: #a40e26; }
`;

export const INBOX_SCRIPT = `
const list = document.getElementById('items');
const count = document.getElementById('count');
const live = document.getElementById('live');
let items = [];
let filter = 'all';

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === 'class') node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  return node;
}

function time(iso) {
  return new Date(iso).toLocaleString();
}

function folded(label, content) {
  return el('details', {}, el('summary', {}, label), el('pre', {}, content));
}

function emailBody(item) {
  const body = el('div', { class: 'body' });
  if (item.email.html) {
    const frame = el('iframe', { sandbox: 'allow-popups allow-popups-to-escape-sandbox', title: 'email HTML', referrerpolicy: 'no-referrer' });
    // Links open in a new tab instead of inside the frame.
    const base = '<base target="_blank">';
    frame.srcdoc = /<head[^>]*>/i.test(item.email.html) ? item.email.html.replace(/<head[^>]*>/i, (head) => head + base) : base + item.email.html;
    body.append(frame);
    body.append(folded('Plain text', item.email.text || '(none)'));
  } else {
    body.append(el('pre', {}, item.email.text || '(empty)'));
  }
  const attachments = item.email.attachments || [];
  if (attachments.length) body.append(el('p', { class: 'meta' }, 'Attached: ' + attachments.map((a) => (a.filename || '(no name)') + ' (' + a.contentType + ', ' + a.size + ' bytes)').join(', ')));
  const thread = item.email.replyTo || item.email.inReplyTo ? '\\nReply-To: ' + (item.email.replyTo || '(none)') + '\\nIn-Reply-To: ' + (item.email.inReplyTo || '(none)') + '\\nReferences: ' + (item.email.references || []).join(' ') : '';
  body.append(folded('Headers', 'From: ' + item.email.from + '\\nTo: ' + item.email.to.join(', ') + '\\nMessage-ID: ' + (item.email.messageId || '(none)') + thread));
  return body;
}

function smsBody(item) {
  const units = [...item.sms.text].length;
  return el('div', { class: 'body' }, el('div', { class: 'sms-text' }, item.sms.text),
    el('p', { class: 'meta' }, units + ' characters · Idempotency-Key ' + (item.sms.idempotencyKey || '(none)')));
}

function webhookBody(item) {
  const w = item.webhook;
  const pretty = w.json === undefined ? w.body : JSON.stringify(w.json, null, 2);
  return el('div', { class: 'body' }, el('pre', {}, pretty),
    folded('Headers', 'POST ' + w.path + '\\nwebhook-id: ' + (w.webhookId || '') + '\\nwebhook-timestamp: ' + (w.timestamp || '') + '\\nwebhook-signature: ' + (w.signatureHeader || '')));
}

function signatureBadge(signature) {
  if (signature.status === 'verified') return el('span', { class: 'badge ok' }, 'signature verified');
  if (signature.status === 'invalid') return el('span', { class: 'badge bad', title: signature.detail }, 'signature invalid: ' + signature.detail);
  return el('span', { class: 'badge unchecked', title: 'start the outbox with OUTBOX_WEBHOOK_SECRET to check signatures' }, 'signature not checked');
}

function card(item) {
  const title = item.channel === 'email' ? item.email.subject : item.channel === 'sms' ? 'To ' + item.sms.to : (item.webhook.json && item.webhook.json.type) || 'webhook';
  const head = el('div', { class: 'head' },
    el('span', { class: 'badge ' + item.channel }, item.channel),
    el('span', { class: 'title' }, title || '(no subject)'),
    item.channel === 'email' ? el('span', { class: 'meta' }, 'to ' + item.email.to.join(', ')) : null,
    item.channel === 'webhook' ? signatureBadge(item.webhook.signature) : null,
    item.repeatOf ? el('span', { class: 'badge repeat', title: 'same Message-ID / idempotency key as ' + item.repeatOf }, 're-send') : null,
    el('span', { class: 'meta' }, time(item.receivedAt)),
    isCustomerMail(item) ? replyButton(item) : null);
  const body = item.channel === 'email' ? emailBody(item) : item.channel === 'sms' ? smsBody(item) : webhookBody(item);
  return el('article', { 'data-id': item.id }, head, body);
}

// Customer mail carries the thread headers Firsthand sets on mail to customers; agent notices do not.
function isCustomerMail(item) {
  return item.channel === 'email' && Boolean(item.email.replyTo || item.email.inReplyTo || (item.email.references || []).length);
}

function replyButton(item) {
  const button = el('button', { class: 'reply', type: 'button', title: 'Answer this mail as the customer, on its thread' }, 'Reply');
  button.addEventListener('click', () => replyTo(item));
  return button;
}

function render() {
  const shown = items.filter((item) => filter === 'all' || item.channel === filter);
  count.textContent = String(items.length);
  list.replaceChildren(...(shown.length ? shown.map(card) : [el('p', { class: 'empty' }, 'Nothing yet. Notifications appear here the moment they are sent.')]));
}

async function reload() {
  const answer = await fetch('/api/items');
  items = (await answer.json()).items;
  render();
}

for (const button of document.querySelectorAll('[data-filter]')) {
  button.addEventListener('click', () => {
    filter = button.dataset.filter;
    for (const other of document.querySelectorAll('[data-filter]')) other.classList.toggle('active', other === button);
    render();
  });
}

document.getElementById('clear').addEventListener('click', async () => {
  if (confirm('Remove every item from the inbox?')) await fetch('/api/items', { method: 'DELETE' });
});

const composePanel = document.getElementById('compose');
const composeForm = document.getElementById('compose-form');
const composeAnswer = document.getElementById('compose-answer');
let maxFileBytes = 5 * 1024 * 1024;

function showAnswer(text, ok) {
  composeAnswer.textContent = text;
  composeAnswer.className = ok ? 'ok' : 'bad';
}

fetch('/api/compose').then((answer) => answer.json()).then((settings) => {
  maxFileBytes = settings.maxFileBytes;
  composeForm.elements.to.placeholder = settings.supportAddress;
  document.getElementById('compose-target').textContent = settings.inboundSmtp
    ? 'Sends a real email to ' + settings.supportAddress + ' through ' + settings.inboundSmtp + ' (Firsthand\\'s inbound SMTP listener), as a customer\\'s mail client would.'
    : 'Off: this inbox was started without OUTBOX_INBOUND_SMTP_PORT, so there is no listener to write to.';
});

composeForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const file = composeForm.elements.file.files[0];
  if (file && file.size > maxFileBytes) return showAnswer('Not sent: the file is larger than ' + Math.round(maxFileBytes / 1048576) + ' MB.', false);
  showAnswer('Sending…', true);
  try {
    const answer = await fetch('/compose', { method: 'POST', body: new FormData(composeForm), headers: { accept: 'application/json' } });
    const result = await answer.json();
    if (result.accepted) composeForm.reset();
    showAnswer(result.accepted ? 'Accepted by Firsthand: ' + result.response : 'Not sent: ' + (result.error || result.response), result.accepted);
  } catch (error) {
    showAnswer('Not sent: ' + error.message, false);
  }
});

async function replyTo(item) {
  const answer = await fetch('/api/items/' + encodeURIComponent(item.id) + '/reply');
  const draft = await answer.json();
  composePanel.open = true;
  if (!answer.ok) return showAnswer(draft.error, false);
  composeForm.reset();
  for (const [name, value] of Object.entries(draft)) composeForm.elements[name].value = value;
  showAnswer('Replying to “' + item.email.subject + '” on its thread.', true);
  composePanel.scrollIntoView({ behavior: 'smooth' });
  // Above the quoted mail, as a mail client starts a reply.
  composeForm.elements.text.focus();
  composeForm.elements.text.setSelectionRange(0, 0);
  composeForm.elements.text.scrollTop = 0;
}

const events = new EventSource('/events');
events.onopen = () => {
  live.textContent = 'live';
  live.classList.add('on');
  reload(); // also after a reconnect: catch up on what arrived meanwhile
};
events.onerror = () => {
  live.textContent = 'reconnecting…';
  live.classList.remove('on');
};
events.addEventListener('item', (message) => {
  const item = JSON.parse(message.data);
  if (items.some((known) => known.id === item.id)) return;
  items.unshift(item);
  items = items.slice(0, 500);
  render();
  const fresh = list.querySelector('[data-id="' + item.id + '"]');
  if (fresh) fresh.classList.add('fresh');
});
events.addEventListener('cleared', () => {
  items = [];
  render();
});
`;

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** What /compose answers a browser that posted the form without the page's script. */
export function composeAnswerPage(status, answer) {
  const verdict = answer.accepted ? 'Accepted by Firsthand' : 'Not sent';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(verdict)}</title><link rel="stylesheet" href="/inbox.css"></head>
<body><main>
<h1>${escapeHtml(verdict)} (${status})</h1>
<p>${escapeHtml(answer.error ?? answer.response ?? '')}</p>
<p><a href="/">Back to the inbox</a></p>
</main></body>
</html>
`;
}
