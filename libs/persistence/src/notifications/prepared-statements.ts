import type { DataSource } from 'typeorm';

interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a hot-path statement as a named prepared statement on the process's pool: each connection
 * parses and plans it once instead of on every call (planning the notification statements cost
 * more than running them). Outside any transaction only; `name` must change with `text`.
 */
export async function runPrepared<T>(db: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = (db.driver as unknown as { master: PgPool }).master;
  const { rows } = await pool.query({ name, text, values });
  return rows as T[];
}
