import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { consoleTransportLog, type InboundMailSink, type MailEnvelope, type TransportLog } from './inbound-mail.sink.js';
import { RecipientPolicy } from './recipient-policy.js';

export interface SmtpIntakeSettings {
  /** Loopback (127.0.0.1) when empty; an MX facing the internet listens on 0.0.0.0 or its own address. */
  host: string;
  /** 0 = any free port (start() answers the one it got). */
  port: number;
  /** Largest mail taken, in bytes: advertised with SIZE and enforced on the stream (552 beyond). */
  maxBytes: number;
  maxRecipients: number;
  /** Recipients must be at these domains. */
  acceptedDomains: string[];
  /** When set, only these addresses (a `+tag` after the local part allowed) at those domains. */
  acceptedAddresses?: string[];
  /** Offer STARTTLS with this certificate; without it STARTTLS is not offered. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** The name in the greeting and EHLO answer. */
  serverName?: string;
}

/** An SMTP answer smtp-server sends as it is. */
class SmtpReply extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The inbound SMTP listener for deployments whose MX delivers straight to Firsthand. No AUTH (it is
 * an MX, not a submission server): recipients are checked at RCPT, size at MAIL (SIZE=) and again on
 * the data stream, and the sink's answer becomes the SMTP answer (taken 250, refused 550, threw 451,
 * so the sending server retries later).
 */
export class SmtpIntakeListener {
  private readonly recipients: RecipientPolicy;
  private server: SMTPServer | null = null;

  constructor(
    private readonly settings: SmtpIntakeSettings,
    private readonly sink: InboundMailSink,
    private readonly log: TransportLog = consoleTransportLog,
  ) {
    if (!(settings.maxBytes > 0) || !(settings.maxRecipients >= 1)) throw new Error('smtp: maxBytes and maxRecipients must be positive');
    if (settings.acceptedDomains.length === 0) throw new Error('smtp: acceptedDomains is empty, so every recipient would be refused');
    this.recipients = new RecipientPolicy(settings.acceptedDomains, settings.acceptedAddresses);
  }

  async start(): Promise<{ port: number }> {
    if (this.server) throw new Error('the SMTP listener is already started');
    const tls = this.settings.tls;
    const server = new SMTPServer({
      name: this.settings.serverName,
      banner: 'Firsthand inbound mail',
      size: this.settings.maxBytes,
      authOptional: true,
      disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      ...(tls ? { key: tls.key, cert: tls.cert } : {}),
      logger: false,
      // A client that stays connected must not hold stop() for long.
      closeTimeout: 3_000,
      onRcptTo: (address, session, callback) => callback(this.checkRecipient(address, session) ?? undefined),
      onData: (stream, session, callback) => {
        this.receive(stream, session).then(
          () => callback(),
          (error: Error) => callback(error),
        );
      },
    });
    server.on('error', (error) => this.log.warn(`smtp: ${error.message}`));
    const host = this.settings.host || '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      const failed = (error: Error) => reject(error);
      server.server.once('error', failed);
      server.listen(this.settings.port, host, () => {
        server.server.off('error', failed);
        resolve();
      });
    });
    this.server = server;
    const port = (server.server.address() as AddressInfo).port;
    this.log.log(`smtp: listening on ${host}:${port}`);
    return { port };
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private checkRecipient(address: SMTPServerAddress, session: SMTPServerSession): SmtpReply | null {
    if (session.envelope.rcptTo.length >= this.settings.maxRecipients) {
      return new SmtpReply(452, `4.5.3 Too many recipients (at most ${this.settings.maxRecipients})`);
    }
    if (!this.recipients.accepts(address.address)) return new SmtpReply(550, '5.1.1 No such mailbox here');
    return null;
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      // Past the limit the rest is drained, not kept.
      if (bytes <= this.settings.maxBytes) chunks.push(chunk);
    }
    if (stream.sizeExceeded || bytes > this.settings.maxBytes) {
      throw new SmtpReply(552, `5.3.4 Message too big (at most ${this.settings.maxBytes} bytes)`);
    }
    const envelope: MailEnvelope = {
      source: 'smtp',
      recipients: session.envelope.rcptTo.map((r) => r.address),
      mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      remoteAddress: session.remoteAddress ?? null,
      helo: session.hostNameAppearsAs || null,
    };
    let result;
    try {
      result = await this.sink.accept(Buffer.concat(chunks, bytes), envelope);
    } catch (error) {
      this.log.warn(`smtp: could not take a mail from ${envelope.remoteAddress} now: ${error instanceof Error ? error.message : String(error)}`);
      throw new SmtpReply(451, '4.3.0 Temporary failure, try again later');
    }
    if (result.outcome === 'refused') {
      const { code, text } = smtpRefusal(result.reason);
      throw new SmtpReply(code, text);
    }
  }
}

/**
 * The reply for a refused mail, with the enhanced status code (RFC 3463) of what was wrong, so the
 * sender's bounce says something its reader understands; a refusal without one of its own is a policy's.
 */
export function smtpRefusal(reason: string): { code: number; text: string } {
  const known: Record<string, [number, string]> = {
    too_large: [552, '5.3.4 Message too big'],
    too_many_parts: [552, '5.3.4 Message has too many parts'],
    too_many_recipients: [550, '5.5.3 Too many recipients'],
    malformed: [550, '5.6.0 Message is not well-formed'],
    unknown_charset: [550, '5.6.0 Message is written in a charset we cannot read'],
    too_deep: [550, '5.6.0 Message nests its parts too deep'],
  };
  const [code, text] = known[reason] ?? [550, `5.7.1 Refused: ${oneLine(reason)}`];
  return { code, text };
}

/** A reason goes into a single SMTP reply line. */
function oneLine(reason: string): string {
  return reason.replace(/[\r\n]+/g, ' ').replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
}
