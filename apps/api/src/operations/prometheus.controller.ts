import { Controller, Get, Header, Headers, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { HttpProblem } from '../http/problem.js';
import { ApiMetrics } from './api-metrics.js';

/** `GET /metrics` for Prometheus; behind METRICS_BEARER_TOKEN when one is configured. */
@ApiExcludeController()
@Controller('metrics')
export class PrometheusController {
  constructor(private readonly metrics: ApiMetrics, @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Headers('authorization') authorization?: string) {
    const token = this.config.api.metricsToken;
    if (token && authorization !== `Bearer ${token}`) {
      throw new HttpProblem(401, 'unauthenticated', 'Metrics token required', 'Send the configured METRICS_BEARER_TOKEN as "Authorization: Bearer <token>".');
    }
    return this.metrics.registry.metrics();
  }
}
