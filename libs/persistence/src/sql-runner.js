/** Raw SQL inside a transaction, with the affected-row count that conditional updates depend on. */
export class SqlRunner {
    runner;
    constructor(runner) {
        this.runner = runner;
    }
    static of(em) {
        if (!em.queryRunner)
            throw new Error('SqlRunner needs an EntityManager bound to a transaction');
        return new SqlRunner(em.queryRunner);
    }
    async rows(sql, params = []) {
        const result = await this.runner.query(sql, params, true);
        return (result.records ?? []);
    }
    async one(sql, params = []) {
        return (await this.rows(sql, params))[0] ?? null;
    }
    /** Runs a write and returns its RETURNING rows plus how many rows it touched. */
    async write(sql, params = []) {
        const result = await this.runner.query(sql, params, true);
        return { rows: (result.records ?? []), affected: result.affected ?? 0 };
    }
}
//# sourceMappingURL=sql-runner.js.map