import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { applyMacro, MacroNotFound, maySeeMacro, TicketNotFound, type ActingAgent, type MacroOutcome } from '@firsthand/domain';
import { MacroStore, TicketReadModel } from '@firsthand/persistence';
import { TicketWriter, type TicketChangeResult } from '@firsthand/ticketing';
import { CustomerMessageZone } from '../../calendars/customer-message-zone.js';
import { macroReplyText } from '../macro-reply-text.js';

/**
 * A macro on a ticket in one change (one transaction): the reply in the customer's language with
 * its placeholders filled, status, tags and priority, under the ownership rules (`applyMacro`).
 */
@Injectable()
export class ApplyMacro {
  constructor(
    private readonly tickets: TicketWriter,
    private readonly macros: MacroStore,
    private readonly readModel: TicketReadModel,
    private readonly zone: CustomerMessageZone,
  ) {}

  async execute(ticketId: string, agent: ActingAgent, macroId: string): Promise<TicketChangeResult & { applied: MacroOutcome }> {
    const macro = await this.macros.find(macroId);
    if (!macro || !maySeeMacro(agent, macro)) throw new MacroNotFound();
    const messageId = randomUUID();
    let applied: MacroOutcome | null = null;
    const result = await this.tickets.changeAsAgent(ticketId, agent, async (ctx) => {
      const view = await this.readModel.findById(ctx.tx, ticketId);
      if (!view) throw new TicketNotFound();
      const timeZone = await this.zone.of(view.teamId, ctx.tx);
      const replyBody = macroReplyText(macro, view, agent, ctx.ticket.nextUpdateDueAt, timeZone);
      const { decision, outcome } = applyMacro(ctx.ticket, agent, macro, { messageId, replyBody }, ctx);
      applied = outcome;
      return decision;
    });
    return { ...result, applied: applied ?? { reply: null, status: null, priority: null, tagsAdded: [], tagsRemoved: [], skipped: [] } };
  }
}
