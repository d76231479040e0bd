// Types for customer-mail.mjs.
export const COMPOSE_LIMITS: { fileBytes: number; bodyBytes: number; textChars: number; subjectChars: number; nameChars: number; references: number };

export class ComposeRefused extends Error {
  constructor(status: number, message: string);
  status: number;
}

export interface ComposedMail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  inReplyTo?: string;
  references?: string[];
  attachments: Array<{ filename: string; contentType: string; content: Blob }>;
}
export function composedMail(form: FormData, options: { supportAddress: string }): ComposedMail;

/** A mail the local inbox caught, as much of it as a Reply reads. */
export interface CaughtEmail {
  from?: string;
  to?: string[];
  toName?: string | null;
  subject?: string;
  text?: string;
  messageId?: string | null;
  replyTo?: string | null;
  inReplyTo?: string | null;
  references?: string[];
}
export function isCustomerMail(email: CaughtEmail): boolean;
export function replyDraftFor(
  email: CaughtEmail,
  supportAddress: string,
  receivedAt?: string | null,
): { fromName: string; fromAddress: string; to: string; subject: string; inReplyTo: string; references: string; text: string };

export function sendToInbound(
  listener: { host?: string; port: number },
  mail: object,
): Promise<{ accepted: boolean; response: string; messageId?: string | null; unreachable?: boolean }>;
