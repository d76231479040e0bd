import type { EntityManager, QueryRunner } from 'typeorm';

/** Raw SQL inside a transaction, with the affected-row count that conditional updates depend on. */
export class SqlRunner {
  constructor(private readonly runner: QueryRunner) {}

  static of(em: EntityManager): SqlRunner {
    if (!em.queryRunner) throw new Error('SqlRunner needs an EntityManager bound to a transaction');
    return new SqlRunner(em.queryRunner);
  }

  /** The transaction's EntityManager, for readers that take one. */
  get manager(): EntityManager {
    return this.runner.manager;
  }

  async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const result = await this.runner.query(sql, params, true);
    return (result.records ?? []) as T[];
  }

  async one<T>(sql: string, params: unknown[] = []): Promise<T | null> {
    return (await this.rows<T>(sql, params))[0] ?? null;
  }

  /** Runs a write and returns its RETURNING rows plus how many rows it touched. */
  async write<T>(sql: string, params: unknown[] = []): Promise<{ rows: T[]; affected: number }> {
    const result = await this.runner.query(sql, params, true);
    return { rows: (result.records ?? []) as T[], affected: result.affected ?? 0 };
  }
}
