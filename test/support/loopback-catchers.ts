import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  mail: ParsedMail;
}

export interface SmtpCatcher {
  port: number;
  received: ReceivedMail[];
  logins: Array<{ username: string; password: string }>;
  /** XOAUTH2 logins, with whether the token was taken. */
  tokenLogins: Array<{ username: string; accessToken: string; accepted: boolean }>;
  closedSessions: number;
  /** Ends every open session (as a server restart would): a pooled client must connect and log in again. */
  dropSessions(): void;
  stop(): Promise<void>;
}

/**
 * A real SMTP server on a free loopback port; `reply` may refuse a message with an SMTP code.
 * `acceptsToken`: the server offers XOAUTH2 only and takes the tokens this accepts.
 */
export async function startSmtpCatcher(
  reply: (mail: ParsedMail) => { code: number; message: string } | null = () => null,
  { acceptsToken }: { acceptsToken?: (username: string, accessToken: string) => boolean } = {},
): Promise<SmtpCatcher> {
  const catcher = { received: [] as ReceivedMail[], logins: [] as SmtpCatcher['logins'], tokenLogins: [] as SmtpCatcher['tokenLogins'], closedSessions: 0 };
  const options: SMTPServerOptions = {
    logger: false,
    disabledCommands: ['STARTTLS'],
    authOptional: !acceptsToken,
    allowInsecureAuth: true,
    ...(acceptsToken ? { authMethods: ['XOAUTH2'] } : {}),
    onAuth(auth, _session, callback) {
      if (acceptsToken) {
        const accepted = auth.method === 'XOAUTH2' && acceptsToken(auth.username ?? '', auth.accessToken ?? '');
        catcher.tokenLogins.push({ username: auth.username ?? '', accessToken: auth.accessToken ?? '', accepted });
        // A refused token gets the RFC 7628 error challenge, then 535.
        return accepted ? callback(null, { user: auth.username }) : callback(null, { data: { status: '401', schemes: 'bearer' } });
      }
      catcher.logins.push({ username: auth.username ?? '', password: auth.password ?? '' });
      callback(null, { user: auth.username });
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      simpleParser(stream).then((mail) => {
        const refusal = reply(mail);
        if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        catcher.received.push({ envelope: { from, to: session.envelope.rcptTo.map((r) => r.address) }, mail });
        callback();
      }, callback);
    },
    onClose() {
      catcher.closedSessions += 1;
    },
  };
  const server = new SMTPServer(options);
  // A client cut off mid-message (a killed worker) must not end the test process.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(catcher, {
    port: (server.server.address() as AddressInfo).port,
    dropSessions: () => {
      for (const connection of (server as unknown as { connections: Set<{ close(): void }> }).connections) connection.close();
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** A TCP server that plays a broken mail server: `script` decides what each connection sees. */
export async function startTcpServer(script: (socket: Socket) => void): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    script(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpCatcher {
  port: number;
  url: string;
  received: ReceivedRequest[];
  stop(): Promise<void>;
}

/** A real HTTP server on a free loopback port that records every request and answers with `answer`. */
export async function startHttpCatcher(answer: (request: ReceivedRequest, res: ServerResponse) => void): Promise<HttpCatcher> {
  const received: ReceivedRequest[] = [];
  const server = createHttpServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      answer(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    received,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function answerJson(res: ServerResponse, status: number, body: unknown = {}, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
