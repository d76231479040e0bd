import { Injectable } from '@nestjs/common';
import { isTicketCode, TicketNotFound, type CustomerIdentity, type Ticket, type TicketDecision } from '@firsthand/domain';
import type { TicketView } from '@firsthand/persistence';
import type { EntityManager } from 'typeorm';
import { HttpProblem } from '../http/problem.js';
import { TicketUnitOfWork, type LockedTicketContext, type TicketChangeResult } from '../tickets/ticket-unit-of-work.js';
import { TrackingTokens } from './tracking-tokens.js';

/**
 * A tracking token opens exactly one ticket. A wrong token, another ticket's token and a guessed
 * code all answer the same 404, so the route reveals nothing about which codes exist.
 */
@Injectable()
export class CustomerTicketAccess {
  constructor(private readonly uow: TicketUnitOfWork, private readonly tokens: TrackingTokens) {}

  async open(em: EntityManager, code: string, token: string | undefined): Promise<TicketView> {
    if (token === undefined || token === '') {
      throw new HttpProblem(401, 'tracking-token-required', 'Tracking token required', 'Send the tracking token from your link as X-Tracking-Token.');
    }
    if (!isTicketCode(code) || token.length > 200) throw new TicketNotFound();
    const found = await this.uow.readModel.findByCodeForCustomer(em, code);
    if (!found || !this.tokens.matches(token, found.trackingTokenHash)) throw new TicketNotFound();
    const { trackingTokenHash: _hidden, ...view } = found;
    return view;
  }

  change(
    code: string,
    token: string | undefined,
    decide: (context: LockedTicketContext, customer: CustomerIdentity) => TicketDecision,
  ): Promise<TicketChangeResult> {
    return this.uow.transact(async (em) => {
      const view = await this.open(em, code, token);
      const ticket: Ticket | null = await this.uow.store.lock(em, view.id);
      if (!ticket) throw new TicketNotFound();
      return this.uow.decideAndApply(em, ticket, (ctx) => decide(ctx, { id: view.customer.id, name: view.customer.name }));
    });
  }
}
