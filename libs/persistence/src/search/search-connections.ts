import type { OnModuleDestroy } from '@nestjs/common';
import pg from 'pg';
import { statementName } from '../prepared-query.js';

/** Session settings of the search's connections (see SearchConnections). */
export const SEARCH_SESSION_OPTIONS = '-c plan_cache_mode=force_generic_plan -c max_parallel_workers_per_gather=0';

/**
 * The connections a search's first page runs on: its statement prepared once per connection and
 * always executed on its generic plan. The statement's plan hardly depends on the words (its
 * materialized steps choose at run time between the newest documents and the GIN indexes), yet
 * PostgreSQL planned it on every call: at 1,000,000 tickets about 12 ms of planning for 5 ms of
 * execution (docs/search.md). Left to itself, PostgreSQL plans a prepared statement's first five
 * calls on each connection for their values and then keeps whichever its cost estimates favour;
 * `force_generic_plan`, which only these connections have, takes the generic plan from the first
 * call and keeps it whatever the estimates say. No parallel workers either: the generic plan's
 * guess of thousands of matching customers launched one (about 20 ms to start) to find none.
 */
export class SearchConnections implements OnModuleDestroy {
  private readonly pool: pg.Pool;

  constructor(databaseUrl: string, size: number, applicationName = 'firsthand-search') {
    this.pool = new pg.Pool({
      connectionString: databaseUrl,
      max: size,
      options: SEARCH_SESSION_OPTIONS,
      application_name: applicationName,
      connectionTimeoutMillis: 5000,
      // As the main pool: a new connection would plan every statement again.
      idleTimeoutMillis: 5 * 60_000,
    });
    // An idle connection cut by the server (a restart) is dropped by the pool; the next search opens another.
    this.pool.on('error', () => undefined);
  }

  /** Runs `text` as a named prepared statement on one of these connections. */
  async rows<T>(text: string, values: unknown[]): Promise<T[]> {
    const result = await this.pool.query({ name: statementName(text), text, values });
    return result.rows as T[];
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
