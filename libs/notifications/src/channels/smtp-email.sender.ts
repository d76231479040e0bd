import { randomUUID } from 'node:crypto';
import { OAuth2TokenSource, type OAuth2ClientSettings, type RefreshTokenKeeper } from '@firsthand/oauth2-client';
import { createTransport } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { ChannelSender, DeliveryReceipt, OutboundMessage } from './channel-sender.js';
import { builtAtOnce } from './mime-at-once.js';
import { failureForSmtpError } from './smtp-failure.js';

export interface SmtpEmailOptions {
  /** `smtp://user:pass@host:port` (STARTTLS when offered) or `smtps://…` (TLS from the first byte). */
  url: string;
  /** e.g. `Firsthand Support <support@example.com>` */
  from: string;
  connectionTimeoutMs?: number;
  greetingTimeoutMs?: number;
  socketTimeoutMs?: number;
  maxConnections?: number;
  /** Log in as the URL's user (no password in it) with OAuth2 tokens from this client, by XOAUTH2 (Microsoft 365, Gmail). */
  oauth2?: OAuth2ClientSettings;
  /** Where a refresh token the endpoint rotates is kept beyond this process (the worker's: PostgreSQL). */
  refreshTokens?: RefreshTokenKeeper;
}

/** How often nodemailer asks the token source again; the source answers from its cache until a minute before the token ends. */
const TOKEN_RECHECK_MS = 60_000;

/** Email over SMTP through a small connection pool. */
export class SmtpEmailSender implements ChannelSender {
  readonly channel = 'email';
  private readonly transport;

  constructor(private readonly options: SmtpEmailOptions) {
    this.transport = createTransport({
      url: options.url,
      pool: true,
      maxConnections: options.maxConnections ?? 2,
      connectionTimeout: options.connectionTimeoutMs ?? 10_000,
      greetingTimeout: options.greetingTimeoutMs ?? 10_000,
      socketTimeout: options.socketTimeoutMs ?? 30_000,
      ...(options.oauth2 ? { auth: oauth2Login(options.url, new OAuth2TokenSource(options.oauth2, { timeoutMs: options.connectionTimeoutMs, refreshTokens: options.refreshTokens })) } : {}),
    });
  }

  /**
   * The message is composed into one buffer before it goes out: handed to nodemailer as parts, it is
   * streamed to the socket a part at a time, about ten writes a message where this makes three
   * (the pipelined MAIL/RCPT/DATA, the message, its end), and each write is a system call.
   */
  async send(message: OutboundMessage, signal?: AbortSignal): Promise<DeliveryReceipt> {
    const messageId = messageIdFor(message.idempotencyKey);
    try {
      const mail: ConstructorParameters<typeof MailComposer>[0] = {
        from: message.from ?? this.options.from,
        to: message.addressees ? addressee(message.addressees.to.address, message.addressees.to.name ?? undefined) : addressee(message.to, message.toName),
        ...(message.addressees?.cc.length ? { cc: message.addressees.cc.map((p) => addressee(p.address, p.name ?? undefined)) } : {}),
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId,
        // Out-of-office replies are asked not to come (Exchange), delivery reports still are: a bounce marks a notification failed.
        ...(message.automatic ? { headers: { 'Auto-Submitted': message.automatic, 'X-Auto-Response-Suppress': 'OOF, AutoReply' } } : {}),
        // The multipart boundaries from randomUUID's buffered entropy: nodemailer's own asks the
        // kernel for random bytes once a part.
        baseBoundary: randomUUID().replace(/-/g, ''),
        attachments: message.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        ...(message.thread
          ? {
              replyTo: message.thread.replyTo,
              inReplyTo: message.thread.inReplyTo ? `<${message.thread.inReplyTo}>` : undefined,
              references: message.thread.references.map((id) => `<${id}>`),
            }
          : {}),
      };
      const composed = new MailComposer(mail).compile();
      // Written in one go (the bytes build() streams); a fresh composition streams what only build() can.
      const raw = builtAtOnce(composed) ?? (await new MailComposer(mail).compile().build());
      // The Message-ID again, for nodemailer's own wrapper of the raw message, which otherwise makes one
      // up from five more system calls for random bytes (the raw message keeps its own header).
      // To `to` alone, whoever else the headers name: each of them gets an email of their own.
      const info = await this.transport.sendMail({ envelope: { from: composed.getEnvelope().from, to: [message.to] }, raw, messageId, signal });
      return { providerMessageId: messageId, responseCode: replyCode(info.response) };
    } catch (error) {
      throw failureForSmtpError(error);
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/**
 * The recipient by name beside the address (nodemailer quotes the name when it needs it, or writes
 * it as an encoded word when it is not ASCII); the bare address when the name is empty or only
 * repeats it.
 */
function addressee(address: string, name: string | undefined): string | { name: string; address: string } {
  const trimmed = name?.trim() ?? '';
  return trimmed && trimmed.toLowerCase() !== address.trim().toLowerCase() ? { name: trimmed, address } : address;
}

/**
 * nodemailer's XOAUTH2 login as the URL's user, with tokens from `tokens`. nodemailer asks again
 * with `renew` after the server refused a token; the source then drops it and asks its endpoint.
 */
function oauth2Login(url: string, tokens: OAuth2TokenSource) {
  const user = decodeURIComponent(new URL(url).username);
  return {
    type: 'OAuth2' as const,
    user,
    provisionCallback: (_user: string, renew: boolean, done: (error: Error | null, accessToken?: string, expires?: number) => void) => {
      if (renew) tokens.invalidate();
      tokens.accessToken().then(
        (token) => done(null, token, Date.now() + TOKEN_RECHECK_MS),
        (error: Error) => done(error),
      );
    },
  };
}

/**
 * `<key@firsthand>`: every attempt of one notification carries the same Message-ID, so a
 * re-send is recognisable (and collapsed by many mail clients). Characters a Message-ID cannot
 * hold are written as `=XX`, which keeps distinct keys distinct.
 */
export function messageIdFor(idempotencyKey: string): string {
  const local = [...Buffer.from(idempotencyKey, 'utf8')]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /[A-Za-z0-9_-]/.test(char) ? char : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
  return `<${local}@firsthand>`;
}

/** The Message-ID without its angle brackets, as a ticket's mail thread records it. */
export function mailThreadIdFor(idempotencyKey: string): string {
  return messageIdFor(idempotencyKey).slice(1, -1);
}

function replyCode(response: unknown): number | null {
  const match = /^(\d{3})/.exec(String(response ?? ''));
  return match ? Number(match[1]) : null;
}
