import type { TicketView } from '@firsthand/http-contracts';

/**
 * Until when the bot holds the ticket (waiting for the customer after its automatic answer), or null.
 * Past its end the hold is over whether or not the worker has handed the ticket over yet.
 */
export function botHoldsUntil(ticket: Pick<TicketView, 'bot'>, now: number): string | null {
  const until = ticket.bot?.outcome === 'held' ? ticket.bot.holdUntil : null;
  return until !== null && Date.parse(until) > now ? until : null;
}
