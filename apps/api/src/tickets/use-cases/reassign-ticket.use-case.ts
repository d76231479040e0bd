import { Injectable } from '@nestjs/common';
import { reassignTicket, type ActingAgent } from '@firsthand/domain';
import { findAssignee } from '@firsthand/persistence';
import { TicketWriter, type TicketChangeResult } from '@firsthand/ticketing';
import { AuditTrail, type AuditScene } from '../../audit/audit-trail.js';

/** A supervisor moves ownership at once, with a reason on the record (and in the audit log, in the same transaction). */
@Injectable()
export class ReassignTicket {
  constructor(
    private readonly tickets: TicketWriter,
    private readonly audit: AuditTrail,
  ) {}

  execute(ticketId: string, supervisor: ActingAgent, toAgentId: string, reason: string, scene: AuditScene): Promise<TicketChangeResult> {
    let before: { code: string; ownerId: string | null } = { code: '', ownerId: null };
    return this.tickets.changeAsAgent(
      ticketId,
      supervisor,
      async (ctx) => {
        before = { code: ctx.ticket.code, ownerId: ctx.ticket.ownerId };
        return reassignTicket(ctx.ticket, supervisor, await findAssignee(ctx.tx, toAgentId), reason, ctx.now);
      },
      {
        within: (tx) =>
          this.audit.record(scene, { action: 'ticket.reassigned', target: { type: 'ticket', id: ticketId, label: before.code }, before: { ownerId: before.ownerId }, after: { ownerId: toAgentId, reason } }, tx),
      },
    );
  }
}
