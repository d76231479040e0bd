import type { FastifyInstance } from 'fastify';
import type { FirsthandConfig } from '@firsthand/config';

const ONE_YEAR_SECONDS = 31_536_000;

/**
 * Headers every response carries, whoever wrote it (Nest routes, the web pages, Swagger UI, the
 * queue board, static files, 404s): `nosniff` everywhere; HSTS only when the public URL is https
 * (over plain http a browser ignores it, and a local `npm start` must stay reachable); and no HTML
 * page may be framed by another site (clickjacking): `frame-ancestors 'none'` and, for browsers
 * without CSP level 2, `X-Frame-Options: DENY`. A page that brings its own policy keeps it.
 */
export function sendSecurityHeaders(fastify: FastifyInstance, config: FirsthandConfig): void {
  const hsts = new URL(config.publicBaseUrl).protocol === 'https:';
  fastify.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    if (hsts) reply.header('strict-transport-security', `max-age=${ONE_YEAR_SECONDS}`);
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      const policy = reply.getHeader('content-security-policy');
      if (!policy) reply.header('content-security-policy', "frame-ancestors 'none'");
      else if (!/frame-ancestors/i.test(String(policy))) reply.header('content-security-policy', `${String(policy)}; frame-ancestors 'none'`);
      if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
    }
    return payload;
  });
}
