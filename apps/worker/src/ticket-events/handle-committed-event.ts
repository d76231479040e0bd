import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { movesSlaClocks } from '@firsthand/domain';
import { JobOutbox, TicketStore, toTicketEvent, type TicketEventRow } from '@firsthand/persistence';
import type { DataSource } from 'typeorm';
import { PlanNotifications } from '../notifications/plan-notifications.js';
import { EscalationScheduler } from '../sla/escalation-scheduler.js';

/**
 * What follows a committed ticket event, once per event however often its job runs: the customer's
 * and agents' notifications (stored, deduplicated by event and recipient, then delivered), and the
 * ticket's SLA timers moved to its new state (when the event can move them). The outbox row goes last, so a crash part-way through
 * means the job runs again, and every step is safe to repeat.
 */
@Injectable()
export class HandleCommittedEvent {
  private readonly store = new TicketStore();
  private readonly outbox = new JobOutbox();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: PlanNotifications,
    private readonly timers: EscalationScheduler,
  ) {}

  async run(eventId: string): Promise<{ notifications: number; timers: number }> {
    const [row]: TicketEventRow[] = await this.db.query(`SELECT * FROM ticket_events WHERE id = $1`, [eventId]);
    if (!row) {
      await this.outbox.markHandled(this.db.manager, eventId);
      return { notifications: 0, timers: 0 };
    }
    const event = toTicketEvent(row);
    const ticket = await this.store.read(this.db.manager, event.ticketId);
    const notifications = ticket ? await this.notifications.forEvent(event, ticket) : 0;
    const timers = ticket && movesSlaClocks(event.type) ? await this.timers.reschedule(ticket) : 0;
    await this.outbox.markHandled(this.db.manager, eventId);
    return { notifications, timers };
  }
}
