import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@firsthand/config';
import { WorkerModule } from './worker.module.js';

const config = loadConfigOrExit();
const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
  logger: ['error', 'warn', 'log'],
});
app.enableShutdownHooks();
await app.init();
console.log('FIRSTHAND_WORKER_READY');
new Logger('Worker').log('Worker running: ticket maintenance queue, live outbox relay');
