import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface CaughtEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** The threading headers, as written (with angle brackets). */
  inReplyTo: string;
  references: string[];
  replyTo: string;
  /** The To and Cc headers' addresses (who the message names; `to` is who it was sent to). */
  headerTo: string[];
  cc: string[];
  attachments: Array<{ filename: string; contentType: string; size: number }>;
  /** The message as it came over the wire. */
  raw: Buffer;
  receivedAt: number;
}

/**
 * A real SMTP server on loopback that keeps what it accepted. `holdNext` makes the next DATA hang
 * until released or the client disappears, so a test can kill a worker in the middle of a send.
 */
export class SmtpCatcher {
  readonly emails: CaughtEmail[] = [];
  private server!: SMTPServer;
  private holding: { sessionId: string; release: () => void; dropped: boolean } | null = null;
  private holdRequested = false;
  /** Only a message to this address is held (null: the next one, whoever it is for). */
  private holdFor: string | null = null;
  port = 0;
  /** DATA commands that began, including ones the client never finished. */
  started = 0;
  /** Messages whose client disappeared before the server accepted them. */
  dropped = 0;

  static async start(): Promise<SmtpCatcher> {
    const catcher = new SmtpCatcher();
    catcher.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => void catcher.receive(stream, session, callback),
      // A client that vanishes while held (a killed worker) never finished its message: it is not delivered.
      onClose: (session) => {
        if (catcher.holding?.sessionId === session.id) {
          catcher.holding.dropped = true;
          catcher.holding.release();
        }
      },
    });
    catcher.server.on('error', () => undefined);
    await new Promise<void>((resolve) => catcher.server.listen(0, '127.0.0.1', () => resolve()));
    catcher.port = (catcher.server.server.address() as AddressInfo).port;
    return catcher;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** `to`: hold the next message to that address only, so an earlier test's late email is not the one held. */
  holdNext(to?: string): void {
    this.holdRequested = true;
    this.holdFor = to?.toLowerCase() ?? null;
  }

  isHolding(): boolean {
    return this.holding !== null;
  }

  release(): void {
    this.holding?.release();
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) {
    this.started++;
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      const forHeld = this.holdFor === null || session.envelope.rcptTo.some((r) => r.address.toLowerCase() === this.holdFor);
      if (this.holdRequested && forHeld) {
        this.holdRequested = false;
        this.holdFor = null;
        // Do not answer the final "." until released: the client is stuck mid-send.
        let dropped = false;
        await new Promise<void>((resolve) => {
          const hold = { sessionId: session.id, dropped: false, release: () => resolve() };
          this.holding = hold;
          hold.release = () => {
            dropped = hold.dropped;
            resolve();
          };
        });
        this.holding = null;
        if (dropped) {
          this.dropped++;
          return callback(new Error('client went away'));
        }
      }
      const raw = Buffer.concat(chunks);
      const mail = await simpleParser(raw);
      const references = mail.references === undefined ? [] : Array.isArray(mail.references) ? mail.references : [mail.references];
      this.emails.push({
        to: session.envelope.rcptTo.map((r) => r.address).join(','),
        subject: mail.subject ?? '',
        text: mail.text ?? '',
        html: typeof mail.html === 'string' ? mail.html : '',
        messageId: mail.messageId ?? '',
        inReplyTo: mail.inReplyTo ?? '',
        references,
        replyTo: mail.replyTo?.value.map((a) => a.address ?? '').join(',') ?? '',
        headerTo: addressesOf(mail.to),
        cc: addressesOf(mail.cc),
        attachments: mail.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, size: a.size })),
        raw,
        receivedAt: Date.now(),
      });
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  to(address: string): CaughtEmail[] {
    return this.emails.filter((e) => e.to === address);
  }

  async stop(): Promise<void> {
    this.holding?.release();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface CaughtRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  receivedAt: number;
}

/** A local HTTP server standing in for the SMS gateway and webhook receivers; answers 200 unless told otherwise. */
export class HttpSink {
  readonly requests: CaughtRequest[] = [];
  private server!: Server;
  port = 0;
  answer: (request: CaughtRequest) => number = () => 200;
  /** Headers to answer with besides the content type (a Retry-After, say). */
  answerHeaders: (request: CaughtRequest) => Record<string, string> = () => ({});

  static async start(): Promise<HttpSink> {
    const sink = new HttpSink();
    sink.server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const caught = { path: req.url ?? '', headers: req.headers, body, receivedAt: Date.now() };
        sink.requests.push(caught);
        const status = sink.answer(caught);
        res.writeHead(status, { 'content-type': 'application/json', ...sink.answerHeaders(caught) }).end(JSON.stringify({ id: `msg-${sink.requests.length}` }));
      });
    });
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', () => resolve()));
    sink.port = (sink.server.address() as AddressInfo).port;
    return sink;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  at(path: string): CaughtRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Polls until `check` returns a value that is not undefined/false, or fails with what it last saw. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000, describe = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${describe}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function addressesOf(header: AddressObject | AddressObject[] | undefined): string[] {
  if (!header) return [];
  return (Array.isArray(header) ? header : [header]).flatMap((h) => h.value.map((a) => a.address ?? ''));
}
