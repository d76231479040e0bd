import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import type { PresenceEntry } from '@firsthand/realtime-contracts';
import { Redis } from 'ioredis';

/** An entry lives this long unless its socket refreshes it; a crashed gateway's entries fade out. */
export const PRESENCE_TTL_MS = 30_000;

interface StoredPresence extends PresenceEntry {
  expiresAt: number;
}

/**
 * Who is viewing or typing on a ticket, in Redis so every gateway node sees the same answer. One
 * hash per ticket, one field per socket.
 */
@Injectable()
export class PresenceBoard implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(@Inject(FIRSTHAND_CONFIG) config: FirsthandConfig) {
    this.redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.redis.on('error', () => undefined);
  }

  private key(ticketId: string): string {
    return `firsthand:presence:${ticketId}`;
  }

  async set(ticketId: string, socketId: string, entry: PresenceEntry): Promise<void> {
    const stored: StoredPresence = { ...entry, expiresAt: Date.now() + PRESENCE_TTL_MS };
    await this.redis.multi().hset(this.key(ticketId), socketId, JSON.stringify(stored)).pexpire(this.key(ticketId), PRESENCE_TTL_MS * 2).exec();
  }

  async remove(ticketId: string, socketId: string): Promise<void> {
    await this.redis.hdel(this.key(ticketId), socketId);
  }

  /** One entry per agent (typing beats viewing), without expired ones. */
  async list(ticketId: string): Promise<PresenceEntry[]> {
    const all = await this.redis.hgetall(this.key(ticketId));
    const now = Date.now();
    const byAgent = new Map<string, PresenceEntry>();
    for (const raw of Object.values(all)) {
      const entry = JSON.parse(raw) as StoredPresence;
      if (entry.expiresAt < now) continue;
      const seen = byAgent.get(entry.agentId);
      if (!seen || entry.state === 'typing') byAgent.set(entry.agentId, { agentId: entry.agentId, agentName: entry.agentName, state: entry.state });
    }
    return [...byAgent.values()].sort((a, b) => a.agentName.localeCompare(b.agentName));
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
