import type { MigrationInterface, QueryRunner } from 'typeorm';

const CHANNEL = 'firsthand_ticket_view_changed';

/**
 * API processes hold the ticket views they answered with (HeldTicketViews); anything a view or its
 * visibility is read from tells every listening process at commit. A ticket row or its watchers
 * changing names the ticket; a customer's shown fields changing names no ticket (`*`: forget all).
 * Agents (names, roles, teams) already announce themselves on the agent-change channel.
 */
export class TicketViewNotices1763804300000 implements MigrationInterface {
  name = 'TicketViewNotices1763804300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION firsthand_notify_ticket_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM pg_notify('${CHANNEL}', OLD.id::text);
        ELSE
          PERFORM pg_notify('${CHANNEL}', NEW.id::text);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION firsthand_notify_watchers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          PERFORM pg_notify('${CHANNEL}', OLD.ticket_id::text);
        END IF;
        IF TG_OP <> 'DELETE' THEN
          PERFORM pg_notify('${CHANNEL}', NEW.ticket_id::text);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION firsthand_notify_customer_shown_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${CHANNEL}', '*');
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER tickets_view_changed AFTER INSERT OR UPDATE OR DELETE ON tickets FOR EACH ROW
      EXECUTE FUNCTION firsthand_notify_ticket_changed()`);
    await q.query(`CREATE TRIGGER ticket_watchers_view_changed AFTER INSERT OR UPDATE OR DELETE ON ticket_watchers FOR EACH ROW
      EXECUTE FUNCTION firsthand_notify_watchers_changed()`);
    await q.query(`CREATE TRIGGER customers_view_changed AFTER UPDATE ON customers FOR EACH ROW
      WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.name IS DISTINCT FROM NEW.name OR OLD.email IS DISTINCT FROM NEW.email
        OR OLD.phone IS DISTINCT FROM NEW.phone OR OLD.tier IS DISTINCT FROM NEW.tier OR OLD.locale IS DISTINCT FROM NEW.locale)
      EXECUTE FUNCTION firsthand_notify_customer_shown_changed()`);
    await q.query(`CREATE TRIGGER customers_view_deleted AFTER DELETE ON customers FOR EACH ROW
      EXECUTE FUNCTION firsthand_notify_customer_shown_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER customers_view_deleted ON customers`);
    await q.query(`DROP TRIGGER customers_view_changed ON customers`);
    await q.query(`DROP TRIGGER ticket_watchers_view_changed ON ticket_watchers`);
    await q.query(`DROP TRIGGER tickets_view_changed ON tickets`);
    await q.query(`DROP FUNCTION firsthand_notify_customer_shown_changed()`);
    await q.query(`DROP FUNCTION firsthand_notify_watchers_changed()`);
    await q.query(`DROP FUNCTION firsthand_notify_ticket_changed()`);
  }
}
