import { Inject, Injectable } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { movesSlaClocks, type Ticket } from '@firsthand/domain';
import { JobOutbox, type CommittedEvent } from '@firsthand/persistence';
import { DeliverNotification } from '../notifications/deliver-notification.js';
import { mailThreadPlaces } from '../notifications/mail-thread-places.js';
import { PlanNotifications } from '../notifications/plan-notifications.js';
import { EscalationScheduler, type TicketToTime } from '../sla/escalation-scheduler.js';

type EventWithTicket = CommittedEvent & { ticket: Ticket };

/**
 * What follows committed ticket events, once per event however often their job runs: the tickets'
 * SLA timers moved to their new state (each ticket once, when one of its events can move them),
 * then each event's notifications to the customer and agents, stored (deduplicated by event and
 * recipient) with the event's outbox row cleared in the same statement, and sent at once under this
 * worker's lease. A crash before that statement means the job runs again, and every step is safe to
 * repeat; a send a crash cut short is taken over once its lease runs out (the notification sweeper
 * hands it to the delivery queue). The events of a job are read in one statement and their
 * notifications stored in another (see PlanNotifications.forEvents).
 */
@Injectable()
export class HandleCommittedEvent {
  constructor(
    private readonly outbox: JobOutbox,
    private readonly notifications: PlanNotifications,
    private readonly deliver: DeliverNotification,
    private readonly timers: EscalationScheduler,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  async run(eventIds: readonly string[]): Promise<{ events: number; notifications: number; timers: number }> {
    const found = (await this.outbox.committedEvents(eventIds)).filter((c): c is EventWithTicket => c.ticket !== null);
    // An event gone, or whose ticket was erased, owes nothing.
    const owingNothing = eventIds.filter((id) => !found.some((c) => c.event.id === id));
    const moving = new Map<string, TicketToTime>();
    for (const c of found) if (movesSlaClocks(c.event.type)) moving.set(c.ticket.id, { ticket: c.ticket, applied: c.applied, calendar: c.calendar });
    const timers = await this.timers.rescheduleAll([...moving.values()]);
    // A process without the deliveries role sends nothing itself: the new sends go to the delivery queue, for a process with it.
    const lease = this.config.worker.roles.has('deliveries') ? this.deliver.lease() : null;
    const planned = await this.notifications.forEvents(found, lease);
    await this.outbox.markHandled([...owingNothing, ...planned.owingNothing]);
    const byEvent = new Map(found.map((c) => [c.event.id, c]));
    const places = mailThreadPlaces(planned.taken, (eventId) => byEvent.get(eventId)?.mailThread);
    await this.deliver.sendInOrder(planned.taken, places, lease ?? undefined);
    // An event that could not be planned fails the job once the others are sent: it runs again, and for the others that is a no-op.
    const { failures } = planned;
    if (failures.length > 0) throw new AggregateError(failures, `${failures.length} of ${eventIds.length} events not handled: ${failures[0]!.message}`);
    return { events: eventIds.length, notifications: planned.waiting, timers };
  }
}
