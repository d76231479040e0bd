/**
 * The browser app's pages: one HTML entry per kind of user, each loading only its own screen's
 * JavaScript. The routes are listed, not caught with a wildcard, so no UI route can ever shadow
 * /api, /health or /metrics.
 */
export const WEB_PAGES = [
  { file: 'index.html', routes: ['/', '/new'] },
  { file: 'agent.html', routes: ['/agent', '/agent/*'] },
  { file: 'track.html', routes: ['/track/:code'] },
  { file: 'supervisor.html', routes: ['/supervisor', '/supervisor/*'] },
] as const;

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$|^\[[0-9a-f:.]+\]$/i;

/**
 * Where pages open their sockets: the configured public URL, or the host the page was served from
 * on the gateway port. A Host header that is not a plain host name falls back to localhost, so a
 * forged header cannot write into the Content-Security-Policy.
 */
export function gatewayUrlFor(configured: string | null, request: { protocol: string; hostname: string }, gatewayPort: number): string {
  if (configured) return configured;
  const host = request.hostname.replace(/:\d+$/, '');
  const protocol = request.protocol === 'https' ? 'https' : 'http';
  return `${protocol}://${HOST.test(host) ? host : 'localhost'}:${gatewayPort}`;
}

/** Same-origin everything, plus the gateway for socket.io (its polling requests and its websocket). */
export function contentSecurityPolicy(gatewayUrl: string): string {
  const gateway = new URL(gatewayUrl);
  const ws = `${gateway.protocol === 'https:' ? 'wss:' : 'ws:'}//${gateway.host}`;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    // blob: for attachment thumbnails, fetched with a header and shown from memory.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${gateway.origin} ${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
