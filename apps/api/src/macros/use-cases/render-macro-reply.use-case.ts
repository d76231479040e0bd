import { Injectable } from '@nestjs/common';
import { macroReplyLocale, MacroNotFound, maySeeMacro, TicketNotFound, type ActingAgent } from '@firsthand/domain';
import type { RenderedMacroReply } from '@firsthand/http-contracts';
import { MacroStore, TicketQueries } from '@firsthand/persistence';
import { CustomerMessageZone } from '../../calendars/customer-message-zone.js';
import { macroReplyText } from '../macro-reply-text.js';

/**
 * A macro's reply filled from a ticket the agent may see, exactly as `ApplyMacro` fills it (the
 * customer's language, times in the ticket's team's zone), so the confirmation shows what will be sent.
 */
@Injectable()
export class RenderMacroReply {
  constructor(
    private readonly macros: MacroStore,
    private readonly tickets: TicketQueries,
    private readonly zone: CustomerMessageZone,
  ) {}

  async render(agent: ActingAgent, macroId: string, ticketId: string): Promise<RenderedMacroReply> {
    const macro = await this.macros.find(macroId);
    if (!macro || !maySeeMacro(agent, macro)) throw new MacroNotFound();
    const ticket = await this.tickets.visibleTo(ticketId, agent);
    if (!ticket) throw new TicketNotFound();
    const customerLocale = ticket.customer.locale;
    const timeZone = await this.zone.of(ticket.teamId);
    const text = macroReplyText(macro, ticket, agent, ticket.sla.nextUpdateDueAt ? new Date(ticket.sla.nextUpdateDueAt) : null, timeZone);
    const locale = macroReplyLocale(macro, customerLocale);
    return { macroId: macro.id, ticketId: ticket.id, locale, text };
  }
}
