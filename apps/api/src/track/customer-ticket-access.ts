import { Injectable } from '@nestjs/common';
import { isTicketCode, TicketNotFound, type CustomerIdentity, type TicketDecision } from '@firsthand/domain';
import { TicketQueries, type TicketView } from '@firsthand/persistence';
import { TicketWriter, type TicketChangeContext, type TicketChangeResult } from '@firsthand/ticketing';
import { HttpProblem } from '../http/problem.js';
import { TrackingTokens } from './tracking-tokens.js';

/**
 * A tracking token opens exactly one ticket. A wrong token, another ticket's token and a guessed
 * code all answer the same 404, so the route reveals nothing about which codes exist.
 */
@Injectable()
export class CustomerTicketAccess {
  constructor(private readonly tickets: TicketQueries, private readonly writer: TicketWriter, private readonly tokens: TrackingTokens) {}

  async open(code: string, token: string | undefined): Promise<TicketView> {
    if (token === undefined || token === '') {
      throw new HttpProblem(401, 'tracking-token-required', 'Tracking token required', 'Send the tracking token from your link as X-Tracking-Token.');
    }
    if (!isTicketCode(code) || token.length > 200) throw new TicketNotFound();
    const found = await this.tickets.forTrackingCode(code);
    if (!found || !this.tokens.matches(token, found.trackingTokenHash)) throw new TicketNotFound();
    const { trackingTokenHash: _hidden, ...view } = found;
    return view;
  }

  /** The customer's act on the ticket their token opens; the token never changes, so it is checked before the lock. */
  async change(
    code: string,
    token: string | undefined,
    decide: (context: TicketChangeContext, customer: CustomerIdentity) => TicketDecision,
  ): Promise<TicketChangeResult> {
    const view = await this.open(code, token);
    const customer = { id: view.customer.id, name: view.customer.name };
    return this.writer.changeAsCustomer(view.id, (ctx) => decide(ctx, customer));
  }
}
