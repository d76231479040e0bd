import type { FastifyInstance, FastifyRequest } from 'fastify';
import { problemType } from './problem.js';

/** The one route that takes a multipart body (a file upload); everything else speaks JSON. */
const MULTIPART_ROUTES = new Set(['/api/uploads']);

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

function acceptable(request: FastifyRequest): boolean {
  const type = mediaType(request.headers['content-type']);
  if (type === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(type)) return true;
  return type === 'multipart/form-data' && MULTIPART_ROUTES.has(request.url.split('?')[0]);
}

/**
 * A request body is JSON (or, for an upload, multipart), nothing else: Nest's Fastify adapter
 * would otherwise parse form-encoded and plain-text bodies too, so a cross-site HTML form (which
 * may send those without a CORS preflight) could reach the API. Checked before any body is read
 * or any route runs, so a refused request changes nothing.
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (!hasBody(request) || acceptable(request)) return;
    const sent = mediaType(request.headers['content-type']) || 'none';
    return reply
      .code(415)
      .header('content-type', 'application/problem+json')
      .header('accept', 'application/json')
      .send({
        type: problemType('unsupported-media-type'),
        title: 'Unsupported media type',
        status: 415,
        detail: `Content-Type must be application/json (multipart/form-data only for POST /api/uploads); got ${sent}.`,
        errors: [{ field: 'Content-Type', messages: [`Content-Type ${sent} is not accepted: send application/json`] }],
      });
  });
}
