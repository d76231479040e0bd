import { createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';

/** Sends real SMTP to a listener on loopback, as a customer's mail server would. */
export class CustomerMailer {
  private readonly transport;

  constructor(port: number) {
    this.transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: false, connectionTimeout: 5000 });
  }

  /** Resolves with the Message-ID (bare); rejects with the server's answer when refused. */
  async send(mail: Mail.Options): Promise<string> {
    const info = await this.transport.sendMail(mail);
    return info.messageId.replace(/^<|>$/g, '');
  }

  close(): void {
    this.transport.close();
  }
}

/** A real PNG (1x1, red): enough bytes for type sniffing. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);
