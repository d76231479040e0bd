import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HelpdeskBacklog } from '@firsthand/persistence';
import { RedisProbe } from './redis-probe.js';

interface ReplyLike {
  status(code: number): ReplyLike;
}

// Operational, not part of the API's contract: docs/api.md lists it.
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(private readonly database: HelpdeskBacklog, private readonly redis: RedisProbe) {}

  @Get('live')
  @HttpCode(200)
  live() {
    return { status: 'ok' };
  }

  /** Ready when both PostgreSQL and Redis answer; 503 names the one that does not. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: ReplyLike) {
    const [database, redis] = await Promise.all([this.databaseUp(), this.redis.ping()]);
    const ok = database && redis;
    reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks: { database: database ? 'up' : 'down', redis: redis ? 'up' : 'down' } };
  }

  private async databaseUp(): Promise<boolean> {
    try {
      await Promise.race([
        this.database.reachable(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
      return true;
    } catch {
      return false;
    }
  }
}
