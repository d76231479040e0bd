import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer data rights: exports (a zip the worker writes, downloaded once ready, deleted when it
 * expires) and erasures (a resumable job: the row keeps the step reached, so a worker that died
 * leaves work another takes up). An erased customer keeps its record, with no contact left, so
 * the tickets and the metrics built on them keep counting; so does an erased attachment's row.
 */
export class CustomerDataRights1763802400000 implements MigrationInterface {
  name = 'CustomerDataRights1763802400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customers ADD COLUMN erased_at timestamptz`);
    await q.query(`ALTER TABLE customers DROP CONSTRAINT customers_contact`);
    await q.query(`ALTER TABLE customers ADD CONSTRAINT customers_contact CHECK (email IS NOT NULL OR phone IS NOT NULL OR merged_into_id IS NOT NULL OR erased_at IS NOT NULL)`);
    await q.query(`ALTER TABLE attachments ADD COLUMN erased_at timestamptz`);
    // A new ticket nobody claimed is closed by an erasure without an owner, as a spam close is.
    await q.query(`ALTER TABLE tickets DROP CONSTRAINT tickets_owned_unless_new`);
    await q.query(`ALTER TABLE tickets ADD CONSTRAINT tickets_owned_unless_new CHECK (
      (owner_id IS NULL) = (status = 'new') OR (owner_id IS NULL AND status = 'closed' AND resolution IN ('spam', 'erased')))`);

    await q.query(`CREATE TABLE customer_exports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      customer_id uuid NOT NULL REFERENCES customers(id),
      requested_by uuid NOT NULL REFERENCES agents(id),
      state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'ready', 'failed', 'expired', 'deleted')),
      attempts integer NOT NULL DEFAULT 0,
      lease_until timestamptz,
      file_name text,
      size_bytes bigint,
      error text,
      requested_at timestamptz NOT NULL DEFAULT now(),
      ready_at timestamptz,
      expires_at timestamptz,
      CHECK ((state = 'ready') = (file_name IS NOT NULL)))`);
    await q.query(`CREATE INDEX customer_exports_due ON customer_exports (requested_at) WHERE state IN ('queued', 'running')`);
    await q.query(`CREATE INDEX customer_exports_expiring ON customer_exports (expires_at) WHERE state = 'ready'`);
    await q.query(`CREATE INDEX customer_exports_customer ON customer_exports (customer_id, requested_at DESC)`);

    await q.query(`CREATE TABLE customer_erasures (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      customer_id uuid NOT NULL UNIQUE REFERENCES customers(id),
      requested_by uuid NOT NULL REFERENCES agents(id),
      state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done')),
      steps_done integer NOT NULL DEFAULT 0 CHECK (steps_done >= 0),
      attempts integer NOT NULL DEFAULT 0,
      lease_until timestamptz,
      open_tickets integer NOT NULL DEFAULT 0,
      last_error text,
      requested_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      CHECK ((state = 'done') = (finished_at IS NOT NULL)))`);
    await q.query(`CREATE INDEX customer_erasures_due ON customer_erasures (requested_at) WHERE state <> 'done'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE customer_erasures`);
    await q.query(`DROP TABLE customer_exports`);
    await q.query(`ALTER TABLE tickets DROP CONSTRAINT tickets_owned_unless_new`);
    await q.query(`ALTER TABLE tickets ADD CONSTRAINT tickets_owned_unless_new CHECK (
      (owner_id IS NULL) = (status = 'new') OR (owner_id IS NULL AND status = 'closed' AND resolution = 'spam'))`);
    await q.query(`ALTER TABLE attachments DROP COLUMN erased_at`);
    await q.query(`ALTER TABLE customers DROP CONSTRAINT customers_contact`);
    await q.query(`ALTER TABLE customers ADD CONSTRAINT customers_contact CHECK (email IS NOT NULL OR phone IS NOT NULL OR merged_into_id IS NOT NULL)`);
    await q.query(`ALTER TABLE customers DROP COLUMN erased_at`);
  }
}
