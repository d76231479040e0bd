import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { dropPublishedLiveEvents, toTicketEvent, type TicketEventRow } from '@firsthand/persistence';
import type { PublishedTicket } from '@firsthand/ticketing';
import type { DataSource } from 'typeorm';
import { CommittedEventsPublisher } from '../live/committed-events-publisher.js';
import { PeriodicTask } from '../periodic-task.js';
import { OutboxWakeups } from './outbox-wakeups.js';

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
 * relay publishes them and deletes the rows. It wakes on NOTIFY (after the grace period) and also
 * sweeps, so it catches up after its own restarts too. Several relays share the work with SKIP
 * LOCKED; a duplicate delivery is harmless because clients order and de-duplicate by seq.
 */
@Injectable()
export class LiveOutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LiveOutboxRelay.name);
  private wakeups?: OutboxWakeups;
  private task?: PeriodicTask;

  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly live: CommittedEventsPublisher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const grace = this.config.worker.liveRelayGraceMs;
    this.task = new PeriodicTask('live relay', grace, async () => void (await this.drain()), this.logger).start();
    const wakeAfterGrace = () => void setTimeout(() => void this.task?.runOnce(), grace + 50).unref();
    this.wakeups = new OutboxWakeups(this.config.databaseUrl, 'firsthand_live_outbox', wakeAfterGrace, this.logger);
    await this.wakeups.open();
  }

  /** Publishes every overdue outbox event, a batch per transaction; returns how many. */
  async drain(): Promise<number> {
    let total = 0;
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
          await this.live.live.publishTicketEvents(ticket, group.map(toTicketEvent));
        }
        await dropPublishedLiveEvents(em, rows.map((r) => r.id));
        return rows.length;
      });
      if (sent > 0) this.logger.log(`Relayed ${sent} live event(s) the API had not published`);
      total += sent;
      if (sent < BATCH) return total;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.wakeups?.close();
    await this.task?.stop();
  }
}

function groupByTicket(rows: OutboxRow[]): OutboxRow[][] {
  const groups = new Map<string, OutboxRow[]>();
  for (const row of rows) groups.set(row.ticket_id, [...(groups.get(row.ticket_id) ?? []), row]);
  return [...groups.values()];
}
