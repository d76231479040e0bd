import { Injectable } from '@nestjs/common';
import { agentActor, assertWithinCustomerActLimit, CUSTOMER_ACT_TICKET_LIMIT, CustomerNotFound, moveTicketToSurvivor, planCustomerMerge, type ActingAgent } from '@firsthand/domain';
import type { CustomerChangeAnswer } from '@firsthand/http-contracts';
import { CustomerStore, type StoredTicketEvent } from '@firsthand/persistence';
import { TicketWriter } from '@firsthand/ticketing';
import { AuditTrail, type AuditScene } from '../../audit/audit-trail.js';
import { RequestValidationFailed } from '../../http/problem.js';
import { customerErased } from './customer-erased.js';

/**
 * A supervisor merges a duplicate customer record into the survivor, in one transaction: both
 * records locked (in id order, so concurrent merges of the pair queue up and the later one is
 * refused), contacts combined by the domain rule, every ticket of the duplicate moved with a
 * `customer_merged` event, the duplicate marked merged into the survivor.
 */
@Injectable()
export class MergeCustomers {
  constructor(
    private readonly customers: CustomerStore,
    private readonly tickets: TicketWriter,
    private readonly audit: AuditTrail,
  ) {}

  execute(supervisor: ActingAgent, survivorId: string, duplicateId: string, scene: AuditScene): Promise<CustomerChangeAnswer> {
    return this.tickets.changeTogether(async (tx, now) => {
      const records = await this.customers.lock(tx, [survivorId, duplicateId]);
      const survivor = records.find((r) => r.id === survivorId);
      const duplicate = records.find((r) => r.id === duplicateId);
      if (!survivor) throw new CustomerNotFound();
      if (!duplicate) throw new RequestValidationFailed([{ field: 'duplicateId', messages: ['duplicateId must name an existing customer'] }]);
      // An erased record (or one being erased) takes in no one's data, and gives none away.
      if ((await this.customers.erasedOrErasing(tx, [survivorId, duplicateId])).length > 0) throw customerErased();
      const plan = planCustomerMerge(survivor, duplicate);
      const moving = await this.customers.tickets(tx, duplicate.id, CUSTOMER_ACT_TICKET_LIMIT + 1);
      assertWithinCustomerActLimit(moving.length);
      const customer = await this.customers.applyMerge(tx, plan, now);
      const changed: Array<{ ticketId: string; code: string; events: StoredTicketEvent[] }> = [];
      for (const ticket of moving) {
        const events = await this.tickets.changeWithin(tx, ticket.id, (ctx) => moveTicketToSurvivor(ctx.ticket, duplicate, survivor, agentActor(supervisor)));
        if (events.length) changed.push({ ticketId: ticket.id, code: ticket.code, events });
      }
      // Ids and ticket codes only: no personal data in the append-only log.
      await this.audit.record(scene, { action: 'customer.merged', target: { type: 'customer', id: survivor.id, label: null }, before: { survivorId: survivor.id, duplicateId: duplicate.id }, after: { mergedIntoId: survivor.id, movedTickets: changed.map((c) => c.code) } }, tx);
      return { result: { customer, changedTickets: changed.map((c) => ({ id: c.ticketId, code: c.code })) }, changed };
    });
  }
}
