import { createHash } from 'node:crypto';
import { localeOfText, storableText, unstorablePart } from '@firsthand/domain';
import { simpleParser, type ParsedMail } from 'mailparser';
import { bounceOf } from './mail-bounce.js';
import { canDecodeCharset } from './mail-charsets.js';
import { mailAddress, mailAddresses } from './mail-addresses.js';
import { mailFileName, mailFiles } from './mail-files.js';
import { htmlText } from './html-text.js';
import { mailText } from './mail-text.js';
import { noiseOf } from './mail-noise.js';
import { outlineMime } from './mime-outline.js';
import { readNewText } from './new-text.js';
import { MailRefused, tooLarge, type MailLimits, type ReadMail } from './read-mail.types.js';

/** mailparser streams; if it ever stalls on a crafted mail, the intake must still move on. */
const PARSE_DEADLINE_MS = 10_000;
/** Bigger HTML bodies are not reduced to text (the text stays empty): html-to-text's time grows with it. */
const MAX_HTML_TO_TEXT = 2_000_000;
const MAX_ID_LENGTH = 500;
/** More parts than any person's mail has: such a mail is refused before mailparser builds them all. */
export const MAX_MIME_PARTS = 1_000;
/** The files left out of a mail are named up to this many (the rest counted). */
const LEFT_OUT_NAMES = 50;
/** The headers that say who wrote, to whom, and which mails a mail answers. */
const STRUCTURAL_HEADERS = new Set(['from', 'sender', 'reply-to', 'to', 'cc', 'message-id', 'in-reply-to', 'references']);
// Folding leaves CR LF and tabs in a header line; nothing else below a space belongs there.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Reads one raw inbound mail into what the intake needs. Throws nothing but MailRefused, whose
 * reason the intake records when it quarantines the mail.
 */
export async function readMail(raw: Buffer, limits: MailLimits): Promise<ReadMail> {
  try {
    return await readWithinLimits(raw, limits);
  } catch (error) {
    if (error instanceof MailRefused) throw error;
    throw new MailRefused('malformed', `The mail could not be parsed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function readWithinLimits(raw: Buffer, limits: MailLimits): Promise<ReadMail> {
  if (raw.length > limits.maxBytes) throw tooLarge(raw.length, limits.maxBytes);
  const outline = outlineMime(raw, limits.maxPartDepth);
  if (!outline.startsWithHeader) throw new MailRefused('malformed', 'The mail does not start with a header.');
  if (outline.depth > limits.maxPartDepth) throw new MailRefused('too_deep', `The mail nests its parts deeper than ${limits.maxPartDepth} levels.`);
  if (outline.parts > MAX_MIME_PARTS) throw new MailRefused('too_many_parts', `The mail has more than ${MAX_MIME_PARTS} parts.`);
  const unknown = outline.charsets.filter((charset) => !canDecodeCharset(charset));
  if (unknown.length > 0) throw new MailRefused('unknown_charset', `The mail is written in a charset we cannot decode: ${unknown.join(', ')}.`);

  const parsed = await parseWithDeadline(raw);
  const to = mailAddresses(parsed.to);
  const cc = mailAddresses(parsed.cc);
  const recipients = to.length + cc.length + mailAddresses(parsed.bcc).length;
  if (recipients > limits.maxRecipients) throw new MailRefused('too_many_recipients', `The mail has ${recipients} recipients, more than the ${limits.maxRecipients} allowed.`);
  // A customer's 30 photos of a damaged delivery are still their mail: the first files are read, the others named.
  const leftOut = parsed.attachments.slice(limits.maxFiles);

  const header = headerReader(parsed);
  const authors = mailAddresses(parsed.from);
  const from = authors[0] ?? null;
  const replyTo = mailAddress(parsed.replyTo);
  const inReplyTo = bareIds(parsed.inReplyTo);
  const references = bareIds(parsed.references);
  const contentType = parsed.headers.get('content-type');
  const reportType = isStructured(contentType) && contentType.value.toLowerCase() === 'multipart/report' ? (contentType.params['report-type'] ?? '').toLowerCase() : null;
  const isDeliveryReport = reportType === 'delivery-status';
  const fullText = mailText(textOrHtml(parsed, outline.hasPlainText));
  // A mail forwarded inline is what the customer shows us, as a forward in the text is (readNewText): its words are the message.
  const { newText, quotedOnly } = outline.hasInlineMessage && fullText.trim() !== '' ? { newText: fullText.trim(), quotedOnly: false } : readNewText(fullText);
  const subject = (parsed.subject ?? '').trim();
  const noise = noiseOf({ header, fromAddress: from?.address ?? null, isDeliveryReport, reportType: isDeliveryReport ? null : reportType });
  const messageId = bareIds(parsed.messageId)[0] ?? null;
  // Addresses and ids are the mail's structure, not its words: one holding a control character or
  // what PostgreSQL could not store is refused, never cleaned into another. mailparser itself drops
  // a NUL from an address (customer@vic\0tim.com reads as customer@victim.com, whose DMARC the
  // sender checks never looked up), so the header lines are checked as they came.
  const structural = [from, replyTo, ...to, ...cc].flatMap((a) => (a ? [a.address] : [])).concat(messageId ?? [], inReplyTo, references);
  const rawStructural = parsed.headerLines.filter((entry) => STRUCTURAL_HEADERS.has(entry.key)).map((entry) => entry.line);
  if (structural.some((value) => unstorablePart(value) !== null) || rawStructural.some((line) => CONTROL_CHARACTER.test(line))) {
    throw new MailRefused('malformed', 'An address or Message-ID of the mail holds a control character or half a surrogate pair.');
  }

  return storable({
    messageId,
    dedupKey: messageId !== null ? `mid:${messageId}` : `sha256:${createHash('sha256').update(raw).digest('hex')}`,
    inReplyTo,
    references,
    from,
    severalAuthors: authors.length > 1 || parsed.headerLines.filter((entry) => entry.key === 'from').length > 1,
    replyTo,
    to,
    cc,
    subject,
    date: header('date') !== null && !Number.isNaN(Date.parse(header('date')!)) ? (parsed.date ?? null) : null,
    newText,
    quotedOnly,
    fullText,
    locale: localeOfText(newText || subject),
    files: mailFiles(parsed.attachments.slice(0, limits.maxFiles)),
    filesLeftOut: { count: leftOut.length, names: leftOut.slice(0, LEFT_OUT_NAMES).map((file, i) => mailFileName(file, limits.maxFiles + i)) },
    noise,
    // A report's status part is among mailparser's text parts, which an HTML-only report's text leaves out.
    bounce: noise?.kind === 'bounce' ? bounceOf(parsed.attachments, bodyOf(raw), `${fullText}\n${parsed.text ?? ''}`) : null,
    sizeBytes: raw.length,
  });
}

/**
 * Every string of the mail as PostgreSQL can store it (a file's bytes untouched): a NUL or a lone
 * surrogate in a subject, a name or the text would otherwise fail each attempt to record the mail,
 * and the transports would hand it over again and again.
 */
function storable<T>(value: T): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value && typeof value === 'object' && !Buffer.isBuffer(value) && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, storable(inner)])) as T;
  }
  return value;
}

async function parseWithDeadline(raw: Buffer): Promise<ParsedMail> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new MailRefused('malformed', 'The mail could not be parsed in time.')), PARSE_DEADLINE_MS);
  });
  try {
    // Only the text is used: no cid: image inlining, no text-to-HTML, no link detection; HTML is
    // reduced to text here (textOrHtml), not by mailparser, which skipped it for a mail with files.
    const options = { maxHtmlLengthToParse: MAX_HTML_TO_TEXT, skipHtmlToText: true, skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true };
    return await Promise.race([simpleParser(raw, options), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The mail's words: its text part when it has one with any words; else its HTML as text (an
 * HTML-only mail with a pasted screenshot or a logo, or one whose text part is blank, came out
 * empty when only mailparser's text was read). HTML too big to reduce leaves the text empty.
 */
function textOrHtml(parsed: ParsedMail, hasPlainText: boolean): string {
  if (hasPlainText && parsed.text?.trim()) return parsed.text;
  if (typeof parsed.html === 'string' && parsed.html.length <= MAX_HTML_TO_TEXT) return htmlText(parsed.html);
  return parsed.text ?? '';
}

/** A header's first raw value (unfolded), from the lines as received: mailparser merges some (List-*) away. */
function headerReader(parsed: ParsedMail): (name: string) => string | null {
  return (name) => {
    const line = parsed.headerLines.find((entry) => entry.key === name)?.line;
    if (line === undefined) return null;
    return line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
  };
}

function bodyOf(raw: Buffer): string {
  const text = raw.subarray(0, 1024 * 1024).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  return end === -1 ? '' : text.slice(end);
}

function bareIds(value: string | string[] | undefined): string[] {
  const joined = ([] as string[]).concat(value ?? []).join(' ');
  const bracketed = [...joined.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1]);
  const ids = bracketed.length > 0 ? bracketed : joined.split(/[\s,]+/).filter((id) => id.includes('@'));
  return [...new Set(ids.filter((id) => id.length <= MAX_ID_LENGTH))];
}

function isStructured(value: unknown): value is { value: string; params: Record<string, string> } {
  return typeof value === 'object' && value !== null && 'value' in value && 'params' in value && typeof (value as { value: unknown }).value === 'string';
}
