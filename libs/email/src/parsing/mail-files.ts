import { cutText, withoutDirectionMarks } from '@firsthand/domain';
import type { Attachment } from 'mailparser';
import type { MailFile } from './read-mail.types.js';

/** The mail's attachments and inline images as files, each with a name safe to store and show. */
export function mailFiles(attachments: Attachment[]): MailFile[] {
  return attachments.map((attachment, index) => ({
    filename: mailFileName(attachment, index),
    contentType: attachment.contentType.toLowerCase(),
    bytes: attachment.content,
    inline: attachment.contentDisposition === 'inline' || attachment.related === true,
    contentId: attachment.cid ?? null,
  }));
}

/** `index`: the file's place among all of the mail's attachments, for a name made up when it has none. */
export function mailFileName(attachment: Attachment, index: number): string {
  return safeFilename(attachment.filename, attachment.contentType, index + 1);
}

function safeFilename(given: string | undefined, contentType: string, position: number): string {
  // The last path segment only, no control characters: a name like ../../x or C:\x stays a name.
  const whole = withoutDirectionMarks(given ?? '')
    .split(/[/\\]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  const name = cutText(whole, 200);
  if (name !== '' && name !== '.' && name !== '..') return name;
  if (contentType.toLowerCase() === 'message/rfc822') return `message-${position}.eml`;
  const subtype = (contentType.split('/')[1] ?? '').replace(/[^a-z0-9]/gi, '').slice(0, 10);
  return subtype ? `attachment-${position}.${subtype}` : `attachment-${position}`;
}
