import { Injectable } from '@nestjs/common';
import { movesSlaClocks } from '@firsthand/domain';
import { JobOutbox } from '@firsthand/persistence';
import { DeliverNotification } from '../notifications/deliver-notification.js';
import { PlanNotifications } from '../notifications/plan-notifications.js';
import { EscalationScheduler } from '../sla/escalation-scheduler.js';

/**
 * What follows a committed ticket event, once per event however often its job runs: the ticket's
 * SLA timers moved to its new state (when the event can move them), then the customer's and agents'
 * notifications, stored (deduplicated by event and recipient) with the event's outbox row cleared in
 * the same statement, and sent at once under this worker's lease. A crash before that statement
 * means the job runs again, and every step is safe to repeat; a send a crash cut short is taken
 * over once its lease runs out (the notification sweeper hands it to the delivery queue).
 */
@Injectable()
export class HandleCommittedEvent {
  constructor(
    private readonly outbox: JobOutbox,
    private readonly notifications: PlanNotifications,
    private readonly deliver: DeliverNotification,
    private readonly timers: EscalationScheduler,
  ) {}

  async run(eventId: string): Promise<{ notifications: number; timers: number }> {
    const committed = await this.outbox.committedEvent(eventId);
    const ticket = committed?.ticket;
    if (!committed || !ticket) {
      await this.outbox.markHandled(eventId);
      return { notifications: 0, timers: 0 };
    }
    const timers = movesSlaClocks(committed.event.type) ? await this.timers.reschedule(ticket, new Date(), committed) : 0;
    const planned = await this.notifications.forEvent({ ...committed, ticket }, this.deliver.lease());
    if (!planned.eventHandled) await this.outbox.markHandled(eventId);
    await Promise.all(planned.taken.map((notification) => this.deliver.send(notification)));
    return { notifications: planned.waiting, timers };
  }
}
