import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { toTicketEvent, type TicketEventRow } from '@firsthand/persistence';
import { LivePublisher, type PublishedTicket } from '@firsthand/realtime-contracts';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { DataSource } from 'typeorm';

const BATCH = 500;

interface OutboxRow extends TicketEventRow {
  code: string;
  team_id: string | null;
  status: string;
  owner_id: string | null;
  owner_name: string | null;
}

/**
 * The safety net behind the API's live publishing: events whose live_outbox row is still there
 * after the grace period were not published (Redis was down, or the API died after commit), so the
 * relay publishes them and deletes the rows. It wakes on NOTIFY and also sweeps, so it catches up
 * after its own restarts too. Several relays share the work with SKIP LOCKED; a duplicate delivery
 * is harmless because clients order and de-duplicate by seq.
 */
@Injectable()
export class LiveOutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LiveOutboxRelay.name);
  private readonly redis: Redis;
  private readonly publisher: LivePublisher;
  private listener?: pg.Client;
  private sweep?: NodeJS.Timeout;
  private draining: Promise<void> | null = null;
  private stopped = false;

  constructor(@Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig, @InjectDataSource() private readonly db: DataSource) {
    this.redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2000 });
    this.redis.on('error', () => undefined);
    this.publisher = new LivePublisher(this.redis);
  }

  async onApplicationBootstrap(): Promise<void> {
    const grace = this.config.worker.liveRelayGraceMs;
    this.sweep = setInterval(() => void this.drainSoon(), grace);
    this.listener = new pg.Client({ connectionString: this.config.databaseUrl, application_name: 'firsthand-live-relay' });
    this.listener.on('error', (error) => this.logger.warn(`LISTEN connection: ${error.message}`));
    this.listener.on('notification', () => setTimeout(() => void this.drainSoon(), grace + 50).unref());
    await this.listener.connect();
    await this.listener.query('LISTEN firsthand_live_outbox');
    void this.drainSoon();
  }

  /** One drain at a time per process; the next wake-up finds what this one left. */
  drainSoon(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.draining ??= this.drain()
      .catch((error: Error) => this.logger.warn(`live relay: ${error.message}; will retry`))
      .finally(() => (this.draining = null));
    return this.draining;
  }

  /** Publishes every overdue outbox event, a batch per transaction. */
  async drain(): Promise<void> {
    for (;;) {
      const sent = await this.db.transaction(async (em) => {
        const rows: OutboxRow[] = await em.query(
          `WITH due AS (
             SELECT event_id FROM live_outbox
             WHERE created_at < now() - make_interval(secs => $1::double precision / 1000)
             ORDER BY event_id LIMIT $2 FOR UPDATE SKIP LOCKED)
           SELECT e.*, t.code, t.team_id, t.status, t.owner_id, a.name AS owner_name
           FROM due JOIN ticket_events e ON e.id = due.event_id JOIN tickets t ON t.id = e.ticket_id
           LEFT JOIN agents a ON a.id = t.owner_id
           ORDER BY e.ticket_id, e.seq`,
          [this.config.worker.liveRelayGraceMs, BATCH],
        );
        if (rows.length === 0) return 0;
        for (const group of groupByTicket(rows)) {
          const first = group[0];
          const ticket: PublishedTicket = {
            id: first.ticket_id,
            code: first.code,
            teamId: first.team_id,
            status: first.status,
            owner: first.owner_id ? { id: first.owner_id, name: first.owner_name ?? '' } : null,
          };
          await this.publisher.publishTicketEvents(ticket, group.map(toTicketEvent));
        }
        await em.query(`DELETE FROM live_outbox WHERE event_id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
        return rows.length;
      });
      if (sent > 0) this.logger.log(`Relayed ${sent} live event(s) the API had not published`);
      if (sent < BATCH) return;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.sweep) clearInterval(this.sweep);
    await this.draining;
    await this.listener?.end().catch(() => undefined);
    this.redis.disconnect();
  }
}

function groupByTicket(rows: OutboxRow[]): OutboxRow[][] {
  const groups = new Map<string, OutboxRow[]>();
  for (const row of rows) groups.set(row.ticket_id, [...(groups.get(row.ticket_id) ?? []), row]);
  return [...groups.values()];
}
