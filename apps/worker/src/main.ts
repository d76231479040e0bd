import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@firsthand/config';
import { WorkerMetrics } from './worker-metrics.js';
import { WorkerModule } from './worker.module.js';

const config = loadConfigOrExit();
const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
  logger: config.environment === 'test' ? ['error', 'warn'] : ['error', 'warn', 'log'],
});
app.enableShutdownHooks();
await app.init();
const metricsPort = app.get(WorkerMetrics).port;
// The launcher and the cross-process tests read this line.
console.log(`FIRSTHAND_WORKER_READY${metricsPort ? ` metricsPort=${metricsPort}` : ''}`);
new Logger('Worker').log('Worker running: committed events, SLA timers, notifications, maintenance; outbox relays');
