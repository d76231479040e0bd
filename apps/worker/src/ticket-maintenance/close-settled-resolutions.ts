import { autoCloseCutoff, closeSettledResolution, type ResolutionWindows } from '@firsthand/domain';
import { TicketStore, type StoredTicketEvent } from '@firsthand/persistence';
import type { DataSource } from 'typeorm';

/**
 * Resolved tickets close once their reopen window has passed. Each ticket closes in its own
 * transaction under its row lock, and the rule re-checks the locked row, so a reopen that lands
 * first wins and two workers sweeping at once close each ticket once.
 */
export class CloseSettledResolutions {
  private readonly store = new TicketStore();

  constructor(private readonly db: DataSource, private readonly windows: ResolutionWindows, private readonly now: () => Date = () => new Date()) {}

  /** Each closed ticket with the events its closing committed, for the live stream. */
  async run(batchSize: number): Promise<Array<{ ticketId: string; events: StoredTicketEvent[] }>> {
    const now = this.now();
    const due: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM tickets WHERE status = 'resolved' AND resolved_at < $1 ORDER BY resolved_at LIMIT $2`,
      [autoCloseCutoff(now, this.windows), batchSize],
    );
    const closed: Array<{ ticketId: string; events: StoredTicketEvent[] }> = [];
    for (const { id } of due) {
      const events = await this.db.transaction(async (em) => {
        const ticket = await this.store.lock(em, id);
        const decision = ticket && closeSettledResolution(ticket, now, this.windows);
        if (!ticket || !decision) return null;
        return this.store.apply(em, ticket, decision, now);
      });
      if (events) closed.push({ ticketId: id, events });
    }
    return closed;
  }
}
