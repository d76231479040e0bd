import { Injectable, Logger } from '@nestjs/common';
import { replanSlaClocks } from '@firsthand/domain';
import { SlaReplans } from '@firsthand/persistence';
import { TicketWriter } from '@firsthand/ticketing';

const BATCH = 200;
/** Requests taken per sweep; the rest wait for the next one. */
const REQUESTS_PER_RUN = 20;

/**
 * Plans the clocks of open tickets again after a calendar change. The API records the request in
 * the change's transaction (`sla_replans`); here each affected ticket is re-planned in its own
 * transaction under its row lock by the domain rule (on its calendar as it is now, with
 * the targets the ticket was planned with), whose `sla_replanned` event makes the worker
 * move the ticket's timers like any other change. The rule changes a ticket once, so a request
 * taken twice (two workers, a crash before `done_at`) costs reads, not changes.
 */
@Injectable()
export class ReplanSlaClocks {
  private readonly logger = new Logger(ReplanSlaClocks.name);

  constructor(private readonly replans: SlaReplans, private readonly tickets: TicketWriter) {}

  /** How many tickets' due times it moved. */
  async run(): Promise<number> {
    let moved = 0;
    for (let taken = 0; taken < REQUESTS_PER_RUN; taken++) {
      const request = await this.replans.nextPending();
      if (!request) break;
      let after: string | null = null;
      for (;;) {
        const ids = await this.replans.openTicketIds(request.teamIds, after, BATCH);
        for (const id of ids) {
          const events = await this.tickets.changeAsSystem(id, ({ ticket, sla }) => replanSlaClocks(ticket, sla, request.reason));
          if (events?.length) moved++;
        }
        if (ids.length < BATCH) break;
        after = ids[ids.length - 1];
      }
      await this.replans.markDone(request.id);
      this.logger.log(`SLA clocks planned again (${request.reason}): ${moved} ticket(s) moved so far`);
    }
    return moved;
  }
}
