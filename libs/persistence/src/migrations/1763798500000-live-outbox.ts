import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every committed ticket event gets a live_outbox row in the same transaction (a trigger, so no
 * writer can forget it). The API deletes the row once it has published the event to the gateways;
 * the worker's relay publishes whatever is left, so a live update survives a Redis or API outage.
 */
export class LiveOutbox1763798500000 implements MigrationInterface {
  name = 'LiveOutbox1763798500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE live_outbox (
      event_id bigint PRIMARY KEY REFERENCES ticket_events(id),
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX live_outbox_created ON live_outbox (created_at)`);
    await q.query(`CREATE FUNCTION firsthand_enqueue_live_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO live_outbox (event_id) VALUES (NEW.id);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER ticket_events_live_outbox AFTER INSERT ON ticket_events
      FOR EACH ROW EXECUTE FUNCTION firsthand_enqueue_live_event()`);
    await q.query(`CREATE FUNCTION firsthand_notify_live_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('firsthand_live_outbox', '');
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER ticket_events_live_notify AFTER INSERT ON ticket_events
      FOR EACH STATEMENT EXECUTE FUNCTION firsthand_notify_live_outbox()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS ticket_events_live_notify ON ticket_events`);
    await q.query(`DROP TRIGGER IF EXISTS ticket_events_live_outbox ON ticket_events`);
    await q.query(`DROP FUNCTION IF EXISTS firsthand_notify_live_outbox()`);
    await q.query(`DROP FUNCTION IF EXISTS firsthand_enqueue_live_event()`);
    await q.query(`DROP TABLE IF EXISTS live_outbox`);
  }
}
