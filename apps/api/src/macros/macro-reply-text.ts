import { macroReplyFor, renderCannedReply, type ActingAgent, type Locale, type MacroActions } from '@firsthand/domain';

/**
 * A macro's reply in the customer's language (the other one when that is empty) with its
 * placeholders filled: what applying the macro sends, and what its confirmation previews.
 */
export function macroReplyText(
  macro: Pick<MacroActions, 'reply'>,
  ticket: { code: string; customer: { name: string; locale: Locale } },
  agent: ActingAgent,
  nextUpdateDueAt: Date | null,
  timeZone: string,
): string | null {
  const template = macroReplyFor(macro, ticket.customer.locale);
  return template
    ? renderCannedReply(template, { customerName: ticket.customer.name, ticketCode: ticket.code, agentName: agent.name, nextUpdateDueAt }, { locale: ticket.customer.locale, timeZone })
    : null;
}
