import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../data-source-options.js';
import { reindexArticles } from '../knowledge-base/article-store.js';
import { TicketSearchIndex, type TicketPosition } from './ticket-search-index.js';

export interface SearchRebuildSummary {
  tickets: number;
  batches: number;
  /** Knowledge-base articles, rewritten after the tickets in one transaction. */
  articles: number;
}

/**
 * `npm run search:rebuild`: rewrites every ticket's search document from its ticket, customer and
 * messages, in creation order, one transaction per batch. Each batch first takes a share lock on its
 * tickets: a change in flight (which holds the ticket's row lock) finishes first and is read, and a
 * change arriving meanwhile waits and then appends to the rebuilt document, so none is lost.
 * The API keeps serving; a search during the rebuild sees each ticket's old or new document.
 */
export async function rebuildSearchIndex(
  databaseUrl: string,
  batchSize = 500,
  onBatch: (done: number) => void = () => undefined,
): Promise<SearchRebuildSummary> {
  const db = new DataSource(buildDataSourceOptions(databaseUrl, 1, 'firsthand-search-rebuild'));
  await db.initialize();
  const index = new TicketSearchIndex();
  try {
    const [{ ready }] = await db.query(`SELECT to_regclass('ticket_search') IS NOT NULL AS ready`);
    if (!ready) throw new Error('The search table does not exist yet: start the API once (it runs the migrations), then rebuild.');
    let after: TicketPosition | null = null;
    const summary: SearchRebuildSummary = { tickets: 0, batches: 0, articles: 0 };
    for (;;) {
      const batch: TicketPosition[] = await index.ticketsAfter(db.manager, after, batchSize);
      if (batch.length === 0) break;
      const ids = batch.map((t) => t.id);
      summary.tickets += await db.transaction(async (em) => {
        await em.query(`SELECT id FROM tickets WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE`, [ids]);
        return index.indexTickets(em, ids);
      });
      summary.batches += 1;
      after = batch[batch.length - 1] ?? null;
      onBatch(summary.tickets);
    }
    summary.articles = await db.transaction((em) => reindexArticles(em));
    return summary;
  } finally {
    await db.destroy();
  }
}
