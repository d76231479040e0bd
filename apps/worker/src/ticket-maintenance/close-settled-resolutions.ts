import { Inject, Injectable } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { autoCloseCutoff, Clock, closeSettledResolution } from '@firsthand/domain';
import { TicketQueries } from '@firsthand/persistence';
import { TicketWriter } from '@firsthand/ticketing';

/**
 * Resolved tickets close once their reopen window has passed. Each ticket closes in its own
 * transaction under its row lock, and the rule re-checks the locked row, so a reopen that lands
 * first wins and two workers sweeping at once close each ticket once.
 */
@Injectable()
export class CloseSettledResolutions {
  constructor(
    private readonly tickets: TicketQueries,
    private readonly writer: TicketWriter,
    private readonly clock: Clock,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  /** How many tickets it closed; each closing is published live as it commits. */
  async run(batchSize: number): Promise<number> {
    const now = this.clock.now();
    let closed = 0;
    for (const id of await this.tickets.resolvedBefore(autoCloseCutoff(now, this.config.windows), batchSize)) {
      const events = await this.writer.changeAsSystem(id, ({ ticket }) => closeSettledResolution(ticket, now, this.config.windows), now);
      if (events?.length) closed++;
    }
    return closed;
  }
}
