import { IoAdapter } from '@nestjs/platform-socket.io';
import type { INestApplicationContext } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';

/**
 * Every gateway node runs the Redis adapter, so an event emitted on one node (or by the API and
 * worker through the Redis emitter) reaches sockets on all of them.
 */
export class RedisIoAdapter extends IoAdapter {
  private pub?: Redis;
  private sub?: Redis;

  constructor(
    app: INestApplicationContext,
    private readonly redisUrl: string,
    private readonly allowedOrigins: string[],
    /** `liveChannelKey(QUEUE_PREFIX)`: where the API's and worker's emitters publish. */
    private readonly channelKey: string,
  ) {
    super(app);
  }

  async connect(): Promise<void> {
    this.pub = new Redis(this.redisUrl, { maxRetriesPerRequest: null });
    this.sub = this.pub.duplicate();
    this.pub.on('error', () => undefined);
    this.sub.on('error', () => undefined);
    await Promise.all([this.pub.ping(), this.sub.ping()]);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    if (!this.pub || !this.sub) throw new Error('RedisIoAdapter.connect() must run first');
    const server: Server = super.createIOServer(port, {
      ...options,
      // Client events are small JSON: a cap keeps one socket from pushing megabytes through the gateway.
      maxHttpBufferSize: 16 * 1024,
      cors: { origin: this.allowedOrigins, credentials: false },
      // Browsers always send Origin: refuse pages from elsewhere. Clients without one are not browsers.
      allowRequest: (request, callback) => {
        const origin = request.headers.origin;
        callback(null, origin === undefined || this.allowedOrigins.includes(origin));
      },
    } as ServerOptions);
    server.adapter(createAdapter(this.pub, this.sub, { key: this.channelKey }));
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    this.pub?.disconnect();
    this.sub?.disconnect();
  }
}
