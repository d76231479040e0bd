import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A customer record merged into another is kept, marked with the record it was merged into, so an
 * old id, email or phone still leads to the survivor. It may keep no contact of its own (they moved
 * to the survivor), which the first schema's "email or phone" check did not allow.
 */
export class CustomerMerges1763799010000 implements MigrationInterface {
  name = 'CustomerMerges1763799010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customers ADD COLUMN merged_into_id uuid REFERENCES customers(id), ADD COLUMN merged_at timestamptz,
      ADD CONSTRAINT customers_merged_consistent CHECK ((merged_into_id IS NULL) = (merged_at IS NULL) AND merged_into_id IS DISTINCT FROM id)`);
    await q.query(`ALTER TABLE customers DROP CONSTRAINT customers_check`);
    await q.query(`ALTER TABLE customers ADD CONSTRAINT customers_contact CHECK (email IS NOT NULL OR phone IS NOT NULL OR merged_into_id IS NOT NULL)`);
    await q.query(`CREATE INDEX customers_merged_into ON customers (merged_into_id) WHERE merged_into_id IS NOT NULL`);
    await q.query(`CREATE INDEX tickets_customer_newest ON tickets (customer_id, created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tickets_customer_newest`);
    await q.query(`DROP INDEX customers_merged_into`);
    await q.query(`ALTER TABLE customers DROP CONSTRAINT customers_contact`);
    await q.query(`ALTER TABLE customers ADD CONSTRAINT customers_check CHECK (email IS NOT NULL OR phone IS NOT NULL)`);
    await q.query(`ALTER TABLE customers DROP CONSTRAINT customers_merged_consistent, DROP COLUMN merged_at, DROP COLUMN merged_into_id`);
  }
}
