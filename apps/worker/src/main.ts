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
// The launcher and the cross-process tests read this line; the roles say what this process runs (WORKER_ROLES).
console.log(`FIRSTHAND_WORKER_READY${metricsPort ? ` metricsPort=${metricsPort}` : ''} roles=${[...config.worker.roles].join(',')}`);
new Logger('Worker').log(`Worker running: ${[...config.worker.roles].join(', ')}`);
