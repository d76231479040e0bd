import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log (issue 15): append-only for the application. A trigger refuses every UPDATE and
 * TRUNCATE, and every DELETE except through `purge_audit_entries(cutoff, batch_size)`, the retention job's one
 * path: it sets a transaction-local marker with its cut-off, and the trigger lets a row go only when
 * the marker is set and the row is older than it. The function refuses a cut-off newer than a day,
 * so even that path cannot empty the recent log. It is SECURITY DEFINER so a deployment can give
 * the table to another owner and grant the app's role only INSERT and SELECT (then nothing but
 * this function can delete at all); with one role for everything, the trigger is what stops the
 * application's own code and a mistaken query.
 */
export class AuditEntries1763802300000 implements MigrationInterface {
  name = 'AuditEntries1763802300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_entries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      actor_type text NOT NULL CHECK (actor_type IN ('agent', 'system')),
      actor_id uuid,
      actor_name text,
      actor_role text,
      from_address text,
      user_agent text,
      action text NOT NULL,
      target_type text NOT NULL,
      target_id text,
      target_label text,
      before jsonb,
      after jsonb,
      request_id text,
      CHECK ((actor_type = 'agent') = (actor_id IS NOT NULL)))`);
    await q.query(`CREATE INDEX audit_entries_at ON audit_entries (at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_entries_actor ON audit_entries (actor_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_entries_action ON audit_entries (action text_pattern_ops, at DESC)`);
    await q.query(`CREATE INDEX audit_entries_target ON audit_entries (target_type, target_id, at DESC)`);
    await q.query(`CREATE FUNCTION audit_entries_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE cutoff text := current_setting('firsthand.audit_purge_before', true);
      BEGIN
        IF TG_OP = 'DELETE' AND cutoff IS NOT NULL AND cutoff <> '' AND OLD.at < cutoff::timestamptz THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_entries_guard()`);
    await q.query(`CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_guard()`);
    await q.query(`CREATE FUNCTION purge_audit_entries(cutoff timestamptz, batch_size integer) RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE removed integer;
      BEGIN
        IF cutoff > now() - interval '1 day' THEN
          RAISE EXCEPTION 'audit entries younger than a day are kept (cut-off % refused)', cutoff USING ERRCODE = 'insufficient_privilege';
        END IF;
        PERFORM set_config('firsthand.audit_purge_before', cutoff::text, true);
        DELETE FROM audit_entries WHERE id IN (SELECT id FROM audit_entries WHERE at < cutoff ORDER BY at LIMIT batch_size);
        GET DIAGNOSTICS removed = ROW_COUNT;
        PERFORM set_config('firsthand.audit_purge_before', '', true);
        RETURN removed;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS audit_entries`);
    await q.query(`DROP FUNCTION IF EXISTS purge_audit_entries(timestamptz, integer)`);
    await q.query(`DROP FUNCTION IF EXISTS audit_entries_guard()`);
  }
}
