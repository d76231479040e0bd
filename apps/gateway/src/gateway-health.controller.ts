import { Controller, Get, Inject, Res, type OnApplicationShutdown } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { Redis } from 'ioredis';

interface ReplyLike {
  status(code: number): ReplyLike;
}

@Controller('health')
export class GatewayHealthController implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(@Inject(FIRSTHAND_CONFIG) config: FirsthandConfig) {
    this.redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2000 });
    this.redis.on('error', () => undefined);
  }

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: ReplyLike) {
    const redis = await this.redis.ping().then((r) => r === 'PONG', () => false);
    reply.status(redis ? 200 : 503);
    return { status: redis ? 'ok' : 'unavailable', checks: { redis: redis ? 'up' : 'down' } };
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
