import { Injectable } from '@nestjs/common';
import { movesSlaClocks } from '@firsthand/domain';
import { JobOutbox } from '@firsthand/persistence';
import { DeliverNotification } from '../notifications/deliver-notification.js';
import { PlanNotifications } from '../notifications/plan-notifications.js';
import { EscalationScheduler } from '../sla/escalation-scheduler.js';

/**
 * What follows a committed ticket event, once per event however often its job runs: the customer's
 * and agents' notifications (stored, deduplicated by event and recipient, and sent at once under
 * this worker's lease), and the ticket's SLA timers moved to its new state (when the event can move
 * them). The outbox row goes last, so a crash part-way through means the job runs again, and every
 * step is safe to repeat: a send the crash interrupted is taken over once its lease runs out.
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
    const { event, applied } = committed;
    const planned = await this.notifications.forEvent(event, ticket, this.deliver.lease());
    const [timers] = await Promise.all([
      movesSlaClocks(event.type) ? this.timers.reschedule(ticket, new Date(), applied) : 0,
      ...planned.taken.map((notification) => this.deliver.send(notification)),
    ]);
    await this.outbox.markHandled(eventId);
    return { notifications: planned.waiting, timers };
  }
}
