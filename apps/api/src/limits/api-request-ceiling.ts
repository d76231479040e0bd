import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { HttpProblem, type ProblemDocument } from '../http/problem.js';
import { ProblemDetailsFilter } from '../http/problem-details.filter.js';
import { RequestLimits } from './request-limits.js';

/**
 * The per-address ceiling on every /api request, checked before the body is read, so a flood costs
 * one Redis round trip a request. Pages, assets, health and metrics are outside it.
 */
export function limitApiRequests(app: NestFastifyApplication): void {
  const limits = app.get(RequestLimits);
  const problems = new ProblemDetailsFilter();
  app.getHttpAdapter().getInstance().addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    try {
      await limits.apiRequest(request.ip);
    } catch (error) {
      if (!(error instanceof HttpProblem)) throw error;
      const problem: ProblemDocument = { ...problems.toProblem(error), instance: request.url.split('?')[0] };
      const retryAfter = problem.retryAfterSeconds;
      return reply
        .status(429)
        .header('retry-after', String(retryAfter))
        .header('content-type', 'application/problem+json; charset=utf-8')
        .send(problem);
    }
  });
}
