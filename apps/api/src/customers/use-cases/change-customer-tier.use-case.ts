import { Injectable } from '@nestjs/common';
import { agentActor, assertWithinCustomerActLimit, CUSTOMER_ACT_TICKET_LIMIT, changeTicketTier, CustomerMergedAway, CustomerNotFound, TIER_FOLLOWING_STATUSES, type ActingAgent, type CustomerTier } from '@firsthand/domain';
import type { CustomerChangeAnswer } from '@firsthand/http-contracts';
import { CustomerStore, readSlaTargets, SlaCalendars, type StoredTicketEvent } from '@firsthand/persistence';
import { TicketWriter } from '@firsthand/ticketing';
import { AuditTrail, type AuditScene } from '../../audit/audit-trail.js';
import { customerErased } from './customer-erased.js';

/**
 * A supervisor changes a customer's tier: the record, and in the same transaction every open ticket
 * of theirs by the domain rule (its tier copy, its unmet due times, an internal timeline event, after
 * which the worker re-plans its SLA timers).
 */
@Injectable()
export class ChangeCustomerTier {
  constructor(
    private readonly customers: CustomerStore,
    private readonly tickets: TicketWriter,
    private readonly calendars: SlaCalendars,
    private readonly audit: AuditTrail,
  ) {}

  execute(supervisor: ActingAgent, customerId: string, tier: CustomerTier, scene: AuditScene): Promise<CustomerChangeAnswer> {
    return this.tickets.changeTogether(async (tx) => {
      const [record] = await this.customers.lock(tx, [customerId]);
      if (!record) throw new CustomerNotFound();
      if (record.mergedIntoId) throw new CustomerMergedAway(record.mergedIntoId);
      if ((await this.customers.erasedOrErasing(tx, [customerId])).length > 0) throw customerErased();
      const open = await this.customers.tickets(tx, customerId, CUSTOMER_ACT_TICKET_LIMIT + 1, TIER_FOLLOWING_STATUSES);
      assertWithinCustomerActLimit(open.length);
      const customer = await this.customers.setTier(tx, customerId, tier);
      const changed: Array<{ ticketId: string; code: string; events: StoredTicketEvent[] }> = [];
      for (const ticket of open) {
        const events = await this.tickets.changeWithin(tx, ticket.id, async (ctx) => {
          // The new tier's targets, on the calendar its policy (or the team, or the default) names.
          const key = { teamId: ctx.ticket.teamId, priority: ctx.ticket.priority, tier };
          const targets = { ...(await readSlaTargets(ctx.tx, ctx.ticket.priority, tier)), ...(await this.calendars.forKey(ctx.tx, key)) };
          return changeTicketTier(ctx.ticket, tier, targets, agentActor(supervisor));
        });
        if (events.length) changed.push({ ticketId: ticket.id, code: ticket.code, events });
      }
      // No personal data in the entry (ids and the tier only), so erasing a customer never needs to touch the append-only log.
      if (record.tier !== tier) {
        await this.audit.record(scene, { action: 'customer.tier_changed', target: { type: 'customer', id: customerId, label: null }, before: { tier: record.tier }, after: { tier, changedTickets: changed.map((c) => c.code) } }, tx);
      }
      return { result: { customer, changedTickets: changed.map((c) => ({ id: c.ticketId, code: c.code })) }, changed };
    });
  }
}
