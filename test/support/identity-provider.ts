import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An identity provider on loopback (real HTTP) for mailboxes that log in with OAuth2: a token
 * endpoint that hands out numbered tokens (client credentials, for `firsthand-worker` with secret
 * `worker-secret`) and the introspection endpoint a Dovecot started with `oauth2IntrospectionUrl`
 * asks whether a token is good (RFC 7662). Tokens can be revoked, and the token endpoint told to refuse or to stall.
 * Refresh tokens (the refresh_token grant, for `firsthand-worker` with no secret) rotate strictly:
 * each is good once, and using it hands out the next.
 */
export class IdentityProvider {
  readonly issued: string[] = [];
  readonly revoked = new Set<string>();
  readonly tokenRequests: Array<Record<string, string>> = [];
  /** The refresh tokens still good (each once); `issueRefreshToken()` adds one to configure a client with. */
  readonly refreshTokens = new Set<string>();
  private refreshCount = 0;
  refuseWith: { status: number; error: string } | null = null;
  /** The token endpoint takes requests and never answers them (until stop()). */
  stalls = false;
  private server!: Server;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const form = Object.fromEntries(new URLSearchParams(body));
        res.setHeader('content-type', 'application/json');
        if (req.url === '/token') {
          this.tokenRequests.push(form);
          if (this.stalls) return;
          if (this.refuseWith) return res.writeHead(this.refuseWith.status).end(JSON.stringify({ error: this.refuseWith.error }));
          if (form.grant_type === 'refresh_token' && form.client_id === 'firsthand-worker') {
            if (!this.refreshTokens.delete(form.refresh_token ?? '')) return res.writeHead(400).end(JSON.stringify({ error: 'invalid_grant' }));
            const token = `mailbox-token-${this.issued.length + 1}`;
            this.issued.push(token);
            return res.end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 3600, refresh_token: this.issueRefreshToken() }));
          }
          if (form.grant_type !== 'client_credentials' || form.client_id !== 'firsthand-worker' || form.client_secret !== 'worker-secret') {
            return res.writeHead(401).end(JSON.stringify({ error: 'invalid_client' }));
          }
          const token = `mailbox-token-${this.issued.length + 1}`;
          this.issued.push(token);
          return res.end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 3600 }));
        }
        if (req.url === '/introspect') {
          const good = this.issued.includes(form.token) && !this.revoked.has(form.token);
          return res.end(JSON.stringify(good ? { active: true, username: 'support' } : { active: false }));
        }
        res.writeHead(404).end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  issueRefreshToken(): string {
    const token = `refresh-${++this.refreshCount}`;
    this.refreshTokens.add(token);
    return token;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
