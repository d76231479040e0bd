import { Global, Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module.js';
import { LoginThrottle } from './login-throttle.js';
import { RateLimiter } from './rate-limiter.js';
import { RequestLimits } from './request-limits.js';

/** The one Redis-backed limiter and the sign-in throttle built on it, for every feature module. */
@Global()
@Module({ imports: [HealthModule], providers: [RateLimiter, RequestLimits, LoginThrottle], exports: [RateLimiter, RequestLimits, LoginThrottle] })
export class LimitsModule {}
