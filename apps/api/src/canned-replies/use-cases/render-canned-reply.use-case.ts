import { Injectable } from '@nestjs/common';
import { CannedReplyNotFound, maySeeCannedReply, renderCannedReply, TicketNotFound, type ActingAgent, type Locale } from '@firsthand/domain';
import type { CannedReplyUse, RenderedCannedReply } from '@firsthand/http-contracts';
import { CannedReplyStore, TicketQueries, type CannedReplyRecord } from '@firsthand/persistence';
import { CustomerMessageZone } from '../../calendars/customer-message-zone.js';

/**
 * Fills a canned reply from a ticket the agent may see, in the customer's language when the reply
 * has it, with times in the zone customer messages use (the ticket's team's calendar's, else
 * NOTIFY_TIME_ZONE). Inserting it counts a use.
 */
@Injectable()
export class RenderCannedReply {
  constructor(
    private readonly replies: CannedReplyStore,
    private readonly tickets: TicketQueries,
    private readonly zone: CustomerMessageZone,
  ) {}

  async render(agent: ActingAgent, id: string, ticketId: string): Promise<RenderedCannedReply> {
    const reply = await this.replies.find(id);
    if (!reply || !maySeeCannedReply(agent, reply)) throw new CannedReplyNotFound();
    const ticket = await this.tickets.visibleTo(ticketId, agent);
    if (!ticket) throw new TicketNotFound();
    const [locale, body] = bodyFor(reply, ticket.customer.locale);
    const text = renderCannedReply(
      body,
      { customerName: ticket.customer.name, ticketCode: ticket.code, agentName: agent.name, nextUpdateDueAt: ticket.sla.nextUpdateDueAt ? new Date(ticket.sla.nextUpdateDueAt) : null },
      { locale, timeZone: await this.zone.of(ticket.teamId) },
    );
    return { cannedReplyId: reply.id, ticketId: ticket.id, locale, text };
  }

  /** Renders first, so a refused render counts nothing; the count is one SQL increment, exact under concurrent use. */
  async use(agent: ActingAgent, id: string, ticketId: string): Promise<CannedReplyUse> {
    const rendered = await this.render(agent, id, ticketId);
    const useCount = await this.replies.recordUse(id);
    if (useCount === null) throw new CannedReplyNotFound();
    return { ...rendered, useCount };
  }
}

function bodyFor(reply: CannedReplyRecord, customerLocale: Locale): [Locale, string] {
  const zh: [Locale, string] | null = reply.bodyZhCn === null ? null : ['zh-CN', reply.bodyZhCn];
  const en: [Locale, string] | null = reply.bodyEn === null ? null : ['en', reply.bodyEn];
  const chosen = customerLocale === 'zh-CN' ? (zh ?? en) : (en ?? zh);
  // A stored reply always has one body (a CHECK constraint says so).
  return chosen!;
}
