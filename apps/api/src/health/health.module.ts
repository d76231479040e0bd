import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { RedisProbe } from './redis-probe.js';

@Module({ controllers: [HealthController], providers: [RedisProbe], exports: [RedisProbe] })
export class HealthModule {}
