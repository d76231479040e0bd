import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problemType, type ProblemDocument } from './problem.js';

/**
 * Requests refused before any route sees them, answered as problem+json like every other refusal:
 * by Node's HTTP parser (a request line that is not HTTP, headers or URL over the size limit, a
 * client too slow to send them) and by Fastify's router (a malformed URL, a path parameter over its
 * length). Their defaults were plain JSON of Fastify's own shape, one of them echoing the whole URL.
 */
export function clientErrorProblem(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem: ProblemDocument =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? { type: problemType('request-timeout'), title: 'Request timeout', status: 408, detail: 'The request did not arrive in time.' }
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? { type: problemType('headers-too-large'), title: 'Headers too large', status: 431, detail: 'The request line and headers together are over the size limit (a URL counts with them).' }
        : { type: problemType('bad-request'), title: 'Bad request', status: 400, detail: 'The request is not well-formed HTTP.' };
  if (socket.writable) {
    const body = JSON.stringify(problem);
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** Fastify's `frameworkErrors`: the router's refusals, as problems that name no part of the request. */
export function routerErrorProblem(error: Error & { code?: string }, _request: FastifyRequest, reply: FastifyReply): void {
  const problem: ProblemDocument =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? { type: problemType('uri-too-long'), title: 'URI too long', status: 414, detail: 'A part of the path is longer than any identifier this API takes.' }
      : error.code === 'FST_ERR_BAD_URL'
        ? { type: problemType('bad-url'), title: 'Bad URL', status: 400, detail: 'The path is not a valid URL (a malformed percent-encoding).' }
        : { type: problemType('bad-request'), title: 'Bad request', status: 400, detail: 'The request could not be routed.' };
  // The router answers before the hooks that add this header elsewhere.
  void reply.code(problem.status).type('application/problem+json; charset=utf-8').header('x-content-type-options', 'nosniff').send(problem);
}
