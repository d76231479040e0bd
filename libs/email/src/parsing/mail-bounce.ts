/**
 * What a bounce says: which of our mails it returns (the Message-ID in the returned message or
 * its headers) and the delivery status code. Standard DSNs (RFC 3464) carry both in their own
 * parts; the free-text bounces of older servers usually quote the original headers in the text.
 */
export interface MailBounce {
  originalMessageId: string | null;
  status: string | null;
  /** The recipients a standard report names (lower-cased); empty for a free-text bounce. */
  recipients: string[];
}

export interface BouncedPart {
  contentType: string;
  content: Buffer;
}

const MESSAGE_ID_LINE = /^message-id[ \t]*:[ \t]*(?:\r?\n[ \t]+)?<([^<>\s]{1,500})>/im;
const STATUS_LINE = /^status[ \t]*:[ \t]*([245]\.\d{1,3}\.\d{1,3})/im;
/** A standard report's recipients (RFC 3464): whose delivery failed, as the report says. */
const RECIPIENT_LINE = /^(?:final|original)-recipient[ \t]*:[ \t]*(?:rfc822|utf-8)[ \t]*;[ \t]*<?([^\s<>;@]{1,200}@[^\s<>;@]{1,255})>?/gim;
const RETURNED = new Set(['message/rfc822', 'text/rfc822-headers', 'message/global', 'message/global-headers']);

/** `body` is the raw mail after its own header, where a returned message's headers are written out. */
export function bounceOf(parts: BouncedPart[], body: string, text: string): MailBounce {
  let originalMessageId: string | null = null;
  let status: string | null = null;
  const recipients = new Set<string>();
  for (const part of parts) {
    const type = part.contentType.toLowerCase();
    if (RETURNED.has(type) && originalMessageId === null) originalMessageId = messageIdIn(headerSection(part.content));
    if (type === 'message/delivery-status' || type === 'message/global-delivery-status') {
      const report = part.content.subarray(0, 64 * 1024).toString('utf8');
      status ??= STATUS_LINE.exec(report)?.[1] ?? null;
      for (const match of report.matchAll(RECIPIENT_LINE)) recipients.add(match[1].toLowerCase());
    }
  }
  // mailparser may read the status part as text rather than as a part of its own.
  if (recipients.size === 0) for (const match of text.slice(0, 256 * 1024).matchAll(RECIPIENT_LINE)) recipients.add(match[1].toLowerCase());
  return {
    originalMessageId: originalMessageId ?? messageIdIn(body) ?? messageIdIn(text),
    status: status ?? STATUS_LINE.exec(text)?.[1] ?? null,
    recipients: [...recipients],
  };
}

function headerSection(content: Buffer): string {
  const text = content.subarray(0, 64 * 1024).toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}

function messageIdIn(text: string): string | null {
  return MESSAGE_ID_LINE.exec(text)?.[1] ?? null;
}
