// Mail a customer writes from the local inbox: the "write as a customer" form read into a message,
// the reply a caught mail invites, and the real SMTP hop into Firsthand's inbound listener.
import { createTransport } from 'nodemailer';

export const COMPOSE_LIMITS = {
  fileBytes: 5 * 1024 * 1024,
  /** The whole multipart body: the file plus room for the text fields and the part headers. */
  bodyBytes: 5 * 1024 * 1024 + 256 * 1024,
  textChars: 50_000,
  subjectChars: 200,
  nameChars: 100,
  references: 50,
};

/** A form the inbox will not send; `status` is the HTTP answer (400, 413). */
export class ComposeRefused extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const ADDRESS = /^[^\s@<>"(),;:\\[\]]{1,64}@[^\s@<>"(),;:\\[\]]{1,190}$/;
const MESSAGE_ID = /^<[^\s<>]{1,250}>$/;
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/; // tab is fine, line breaks would start a new header

/**
 * The message a filled-in form asks for (FormData from the multipart body). Refuses, with the field
 * named, anything that is missing, too long, or could not be a header.
 */
export function composedMail(form, { supportAddress }) {
  const field = (name) => {
    const value = form.get(name);
    if (value !== null && typeof value !== 'string') throw new ComposeRefused(400, `${name} must be a text field`);
    return (value ?? '').trim();
  };
  const fromName = field('fromName');
  const fromAddress = field('fromAddress');
  const to = field('to') || supportAddress;
  const subject = field('subject');
  const text = (typeof form.get('text') === 'string' ? form.get('text') : '').replace(/\r\n?/g, '\n');
  const inReplyTo = field('inReplyTo');
  const references = field('references').split(/\s+/).filter(Boolean);

  if (!ADDRESS.test(fromAddress)) throw new ComposeRefused(400, 'fromAddress must be an email address, e.g. liu.yang@customer.example');
  if (!ADDRESS.test(to)) throw new ComposeRefused(400, `to must be an email address, e.g. ${supportAddress}`);
  if (fromName.length > COMPOSE_LIMITS.nameChars || CONTROL.test(fromName)) throw new ComposeRefused(400, `fromName must be one line of at most ${COMPOSE_LIMITS.nameChars} characters`);
  if (!subject || subject.length > COMPOSE_LIMITS.subjectChars || CONTROL.test(subject)) throw new ComposeRefused(400, `subject must be one line of 1-${COMPOSE_LIMITS.subjectChars} characters`);
  if (text.length > COMPOSE_LIMITS.textChars) throw new ComposeRefused(400, `text must be at most ${COMPOSE_LIMITS.textChars} characters`);
  if (inReplyTo && !MESSAGE_ID.test(inReplyTo)) throw new ComposeRefused(400, 'inReplyTo must be one Message-ID, e.g. <abc@firsthand>');
  if (references.length > COMPOSE_LIMITS.references || !references.every((id) => MESSAGE_ID.test(id))) {
    throw new ComposeRefused(400, `references must be at most ${COMPOSE_LIMITS.references} Message-IDs separated by spaces`);
  }

  const attachments = [];
  const file = form.get('file');
  // A browser sends an empty, nameless file part when no file was chosen.
  if (file !== null && typeof file !== 'string' && (file.size > 0 || file.name)) {
    if (file.size > COMPOSE_LIMITS.fileBytes) throw new ComposeRefused(413, `the file is larger than ${COMPOSE_LIMITS.fileBytes / 1024 / 1024} MB`);
    const filename = (file.name || 'attachment').replace(/^.*[\\/]/, '').replace(/[\u0000-\u001f\u007f]/g, '_').slice(0, 200);
    attachments.push({ filename, contentType: file.type || 'application/octet-stream', content: file });
  }
  if (!text.trim() && attachments.length === 0) throw new ComposeRefused(400, 'write a text or attach a file');

  return {
    from: { name: fromName, address: fromAddress },
    to,
    subject,
    text,
    inReplyTo: inReplyTo || undefined,
    references: references.length > 0 ? references : undefined,
    attachments,
  };
}

/** Reads the attachments' bytes, which FormData holds as Blobs. */
async function withAttachmentBytes(mail) {
  return { ...mail, attachments: await Promise.all(mail.attachments.map(async (a) => ({ ...a, content: Buffer.from(await a.content.arrayBuffer()) }))) };
}

/** Customer mail carries the thread headers Firsthand sets on mail to customers; agent notices do not. */
export function isCustomerMail(email) {
  return Boolean(email.replyTo || email.inReplyTo || email.references?.length);
}

/**
 * The form a Reply to a caught customer mail starts from: answered as its recipient, on its thread,
 * with the mail quoted under an empty first line as a mail client quotes it (Firsthand keeps only
 * the new words on the ticket; "Show original" has the rest).
 */
export function replyDraftFor(email, supportAddress, receivedAt = null) {
  const subject = email.subject ?? '';
  const references = [...(email.references ?? []), ...(email.messageId ? [email.messageId] : [])];
  return {
    fromName: email.toName ?? '',
    fromAddress: email.to?.[0] ?? '',
    to: email.replyTo || supportAddress,
    subject: /^re:/i.test(subject) ? subject : `Re: ${subject}`,
    inReplyTo: email.messageId ?? '',
    references: [...new Set(references)].slice(-COMPOSE_LIMITS.references).join(' '),
    text: quoted(email, receivedAt),
  };
}

/** Of the form's text, what a quote may take: the rest is left for the answer above it. */
const QUOTE_MAX_CHARS = COMPOSE_LIMITS.textChars - 10_000;

/**
 * "On <date>, <sender> wrote:" and the mail's text with "> " before each line. A long mail is
 * quoted up to QUOTE_MAX_CHARS, with a line saying the rest was left out.
 */
function quoted(email, receivedAt) {
  const body = (email.text ?? '').replace(/\r\n?/g, '\n').trimEnd();
  if (!body) return '';
  const when = new Date(receivedAt && !Number.isNaN(Date.parse(receivedAt)) ? receivedAt : Date.now());
  const head = `\n\nOn ${when.toUTCString().replace(/ GMT$/, ' UTC')}, ${email.from || 'Firsthand'} wrote:\n`;
  const cut = '> […]\n';
  let text = head;
  for (const line of body.split('\n')) {
    const next = `${line ? `> ${line}` : '>'}\n`;
    if (text.length + next.length + cut.length > QUOTE_MAX_CHARS) return text + cut;
    text += next;
  }
  return text;
}

/**
 * Sends over real SMTP to the inbound listener and reports its answer:
 * `{ accepted: true, response, messageId }`, `{ accepted: false, response }` when the listener
 * refused, or `{ accepted: false, unreachable: true, response }` when nothing answered.
 * `raw` (with `envelope`) sends prepared MIME bytes as they are.
 */
export async function sendToInbound({ host = '127.0.0.1', port }, mail) {
  const transport = createTransport({ host, port, secure: false, ignoreTLS: true, connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 20_000 });
  try {
    const info = await transport.sendMail(mail.raw ? mail : await withAttachmentBytes(mail));
    return { accepted: true, response: String(info.response ?? ''), messageId: info.messageId ?? null };
  } catch (error) {
    if (error?.responseCode) return { accepted: false, response: String(error.response ?? error.message) };
    return { accepted: false, unreachable: true, response: `no answer from smtp://${host}:${port} (${error?.message ?? error})` };
  } finally {
    transport.close();
  }
}
