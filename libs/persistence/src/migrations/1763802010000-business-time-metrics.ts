import type { MigrationInterface, QueryRunner } from 'typeorm';

const BUCKETS = 23;
const bucketColumns = (prefix: string) => Array.from({ length: BUCKETS }, (_, i) => `${prefix}_b${i}`);

/**
 * Business-time first-response and resolution durations beside the wall-clock ones (issue 14): on
 * each outcome (working milliseconds on the ticket's SLA calendar) and as histograms in both rollup
 * tables, kept the same way as the wall-clock ones. Outcomes recorded before this have none until
 * `npm run metrics:rebuild` (the reports then count them in the wall-clock figures only).
 */
export class BusinessTimeMetrics1763802010000 implements MigrationInterface {
  name = 'BusinessTimeMetrics1763802010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ticket_outcomes ADD COLUMN first_response_business_ms bigint, ADD COLUMN resolution_business_ms bigint`);
    await q.query(`ALTER TABLE resolution_rollups
      ADD COLUMN first_response_business_hist integer[] NOT NULL DEFAULT '{}',
      ADD COLUMN resolution_business_hist integer[] NOT NULL DEFAULT '{}'`);
    const columns = [...bucketColumns('first_response_business'), ...bucketColumns('resolution_business')];
    await q.query(`ALTER TABLE resolution_group_rollups ${columns.map((c) => `ADD COLUMN ${c} integer NOT NULL DEFAULT 0`).join(', ')}`);
  }

  async down(q: QueryRunner): Promise<void> {
    const columns = [...bucketColumns('first_response_business'), ...bucketColumns('resolution_business')];
    await q.query(`ALTER TABLE resolution_group_rollups ${columns.map((c) => `DROP COLUMN ${c}`).join(', ')}`);
    await q.query(`ALTER TABLE resolution_rollups DROP COLUMN first_response_business_hist, DROP COLUMN resolution_business_hist`);
    await q.query(`ALTER TABLE ticket_outcomes DROP COLUMN first_response_business_ms, DROP COLUMN resolution_business_ms`);
  }
}
