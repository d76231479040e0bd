import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem, type ProblemDocument } from '../http/problem.js';
import { ProblemDetailsFilter } from '../http/problem-details.filter.js';
import { RequestLimits } from './request-limits.js';

/** The API and the admin board (its sign-out answers anyone, and works the database): not pages, assets, health or metrics. */
function isCounted(route: string | undefined): boolean {
  return route !== undefined && (route.startsWith('/api/') || route.startsWith('/admin/'));
}

/**
 * The per-address ceiling on every /api and /admin request, checked before the body is read. Counted in leases
 * (RateLimiter.takeLeased): a busy address costs one Redis round trip per lease, and a request the
 * process's lease covers passes without a promise. Pages, assets, health and metrics are outside it,
 * and so is a request that matches no route (a 404 costs less than its count would).
 */
export function limitApiRequests(app: NestFastifyApplication): void {
  const limits = app.get(RequestLimits);
  const problems = new ProblemDetailsFilter();
  const refuse = (request: FastifyRequest, reply: FastifyReply, error: HttpProblem) => {
    const problem: ProblemDocument = { ...problems.toProblem(error), instance: request.url.split('?')[0] };
    reply
      .status(429)
      .header('retry-after', String(problem.retryAfterSeconds))
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(problem);
  };
  app.getHttpAdapter().getInstance().addHook('onRequest', (request, reply, done) => {
    // The route the router matched, not the raw target: it decodes `/%61pi/...` and reads the path
    // of an absolute-form target (`GET http://host/api/...`), both of which reach /api routes.
    if (!isCounted(request.routeOptions.url)) return done();
    try {
      if (limits.apiRequestHeld(request.ip)) return done();
    } catch (error) {
      if (!(error instanceof HttpProblem)) return done(error as Error);
      return refuse(request, reply, error);
    }
    limits.apiRequest(request.ip).then(
      () => done(),
      (error: unknown) => (error instanceof HttpProblem ? refuse(request, reply, error) : done(error as Error)),
    );
  });
}
