import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfigOrExit } from '@firsthand/config';
import { liveChannelKey } from '@firsthand/realtime-contracts';
import { GatewayModule } from './gateway.module.js';
import { RedisIoAdapter } from './redis-io.adapter.js';

const config = loadConfigOrExit();
const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(config), new FastifyAdapter(), {
  logger: ['error', 'warn', 'log'],
});
const adapter = new RedisIoAdapter(app, config.redisUrl, config.gateway.allowedOrigins, liveChannelKey(config.queuePrefix));
await adapter.connect();
app.useWebSocketAdapter(adapter);
app.enableShutdownHooks();
await app.listen(config.gateway.port, config.gateway.host);
const address = app.getHttpServer().address();
const port = typeof address === 'object' && address ? address.port : config.gateway.port;
console.log(`FIRSTHAND_GATEWAY_LISTENING port=${port}`);
new Logger('Gateway').log(`Listening on http://${config.gateway.host}:${port}`);
