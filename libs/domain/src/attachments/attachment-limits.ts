import type { FileNotAttached } from './attachment-ref.js';
import { AttachmentsTooLarge, TooManyAttachments } from './attachment-errors.js';

/** How much a customer or agent may attach; configured once (libs/config), checked here. */
export interface AttachmentLimits {
  maxFileBytes: number;
  maxFilesPerMessage: number;
  maxMessageBytes: number;
  maxTicketBytes: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = {
  maxFileBytes: 10 * 1024 * 1024,
  maxFilesPerMessage: 10,
  maxMessageBytes: 25 * 1024 * 1024,
  maxTicketBytes: 100 * 1024 * 1024,
};

/** A file's size in a mail as sent: base64, in lines of 76 characters and a CRLF. */
export function mimeEncodedBytes(sizeBytes: number): number {
  const encoded = Math.ceil(sizeBytes / 3) * 4;
  return encoded + Math.ceil(encoded / 76) * 2;
}

/** One file on its own, before anything is stored. */
export function assertFileFits(sizeBytes: number, limits: AttachmentLimits): void {
  if (sizeBytes > limits.maxFileBytes) throw new AttachmentsTooLarge('file', sizeBytes, limits.maxFileBytes);
}

/**
 * The files of one message together, and the ticket with them: `ticketBytes` is what the ticket
 * already holds. Refused whole: a message never keeps half of what it was sent with.
 */
export function assertMessageFits(sizes: readonly number[], ticketBytes: number, limits: AttachmentLimits): void {
  if (sizes.length > limits.maxFilesPerMessage) throw new TooManyAttachments(sizes.length, limits.maxFilesPerMessage);
  for (const size of sizes) assertFileFits(size, limits);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total > limits.maxMessageBytes) throw new AttachmentsTooLarge('message', total, limits.maxMessageBytes);
  if (ticketBytes + total > limits.maxTicketBytes) throw new AttachmentsTooLarge('ticket', ticketBytes + total, limits.maxTicketBytes);
}

export interface FileToKeep {
  filename: string;
  sizeBytes: number;
}

/**
 * For files that arrived with a mail, where refusing the whole message would lose the customer's
 * words: keeps files in order while they fit, and gives each one left out the reason.
 */
export function selectFilesThatFit<T extends FileToKeep>(
  files: readonly T[],
  ticketBytes: number,
  limits: AttachmentLimits,
): { kept: T[]; refused: Array<{ file: T; reason: string; why: Exclude<FileNotAttached['why'], 'type'> }> } {
  const kept: T[] = [];
  const refused: Array<{ file: T; reason: string; why: Exclude<FileNotAttached['why'], 'type'> }> = [];
  let messageBytes = 0;
  for (const file of files) {
    const refusal: { reason: string; why: Exclude<FileNotAttached['why'], 'type'> } | null =
      file.sizeBytes > limits.maxFileBytes
        ? { reason: `larger than ${limits.maxFileBytes} bytes per file`, why: 'size' }
        : kept.length >= limits.maxFilesPerMessage
          ? { reason: `more than ${limits.maxFilesPerMessage} files in one message`, why: 'count' }
          : messageBytes + file.sizeBytes > limits.maxMessageBytes
            ? { reason: `over ${limits.maxMessageBytes} bytes per message`, why: 'size' }
            : ticketBytes + messageBytes + file.sizeBytes > limits.maxTicketBytes
              ? { reason: `over ${limits.maxTicketBytes} bytes per ticket`, why: 'size' }
              : null;
    if (refusal) {
      refused.push({ file, ...refusal });
      continue;
    }
    kept.push(file);
    messageBytes += file.sizeBytes;
  }
  return { kept, refused };
}
