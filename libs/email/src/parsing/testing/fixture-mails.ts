import iconv from 'iconv-lite';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailLimits } from '../read-mail.types.js';

/** Real mail bytes for the parsing specs: built by nodemailer, or written out as RFC 822 text. */

export const roomyLimits: MailLimits = { maxBytes: 5 * 1024 * 1024, maxRecipients: 50, maxFiles: 20, maxPartDepth: 8 };

type ComposeOptions = ConstructorParameters<typeof MailComposer>[0];

export function composeMail(options: ComposeOptions): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

/** RFC 822 text written with \n, sent with CRLF; `body` bytes (any charset) appended after the blank line. */
export function rawMail(headersAndText: string, body?: Buffer): Buffer {
  const head = Buffer.from(headersAndText.replace(/\r?\n/g, '\r\n'), 'latin1');
  return body === undefined ? head : Buffer.concat([head, body]);
}

/** An RFC 2047 encoded word in a legacy charset: =?GB2312?B?…?= */
export function encodedWord(text: string, charset: string, encoding: 'B' | 'Q' = 'B'): string {
  const bytes = iconv.encode(text, charset);
  const payload = encoding === 'B' ? bytes.toString('base64') : [...bytes].map((byte) => `=${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  return `=?${charset}?${encoding}?${payload}?=`;
}

export function quotedPrintable(bytes: Buffer): string {
  const encoded = [...bytes].map((byte) => (byte >= 33 && byte <= 126 && byte !== 61 ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
  return encoded.replace(/(.{72})/g, '$1=\n');
}

export function inCharset(text: string, charset: string): Buffer {
  return iconv.encode(text, charset);
}
