import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FirsthandConfig } from '@firsthand/config';
import { contentSecurityPolicy, gatewayUrlFor, WEB_PAGES } from './web-pages.js';

interface PageRequest {
  protocol: string;
  hostname: string;
}
interface PageReply {
  status(code: number): PageReply;
  header(name: string, value: string): PageReply;
  type(contentType: string): PageReply;
  send(body: string): void;
}

/** dist/web of this checkout: found by walking up from this file, so it works from the sources and from dist/. */
function defaultDistDir(): string | null {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'dist', 'web');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/**
 * Serves the built web app (`npm run build` → dist/web): hashed assets cached for a year, HTML
 * never cached and sent with a strict Content-Security-Policy that allows the gateway's sockets.
 */
export async function serveWebApp(app: NestFastifyApplication, config: FirsthandConfig): Promise<void> {
  const distDir = config.web.distDir ? resolve(config.web.distDir) : defaultDistDir();
  const fastify = app.getHttpAdapter().getInstance();
  const pages = new Map<string, string>();
  if (distDir) {
    for (const page of WEB_PAGES) {
      const file = join(distDir, page.file);
      if (existsSync(file)) pages.set(page.file, readFileSync(file, 'utf8'));
    }
    await app.register(fastifyStatic, {
      root: join(distDir, 'assets'),
      prefix: '/assets/',
      decorateReply: false,
      index: false,
      preCompressed: true, // .br / .gz written by scripts/web-budget.mjs
      immutable: true,
      maxAge: '365d',
    });
    const favicon = join(distDir, 'favicon.svg');
    if (existsSync(favicon)) {
      const icon = readFileSync(favicon, 'utf8');
      fastify.get('/favicon.svg', (_request: unknown, reply: PageReply) => {
        reply.header('cache-control', 'public, max-age=86400').type('image/svg+xml').send(icon);
      });
    }
  }

  for (const page of WEB_PAGES) {
    for (const route of page.routes) {
      fastify.get(route, (request: PageRequest, reply: PageReply) => {
        const html = pages.get(page.file);
        reply.header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
        if (!html) {
          reply.status(503).type('text/plain; charset=utf-8').send('The web app is not built: run "npm run build" (npm start does it for you).');
          return;
        }
        const csp = contentSecurityPolicy(gatewayUrlFor(config.web.publicGatewayUrl, request, config.gateway.port));
        reply.header('content-security-policy', csp).header('x-frame-options', 'DENY').type('text/html; charset=utf-8').send(html);
      });
    }
  }
}
