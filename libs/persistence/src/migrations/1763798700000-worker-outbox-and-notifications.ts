import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The worker's side of "nothing lost":
 * - job_outbox: a trigger records every committed ticket event; the worker's relay hands it to
 *   BullMQ (job id from the event id) and the row is deleted only once the event was handled, so a
 *   job Redis lost is handed over again.
 * - sla_escalations: one row per threshold applied (ticket x target x stage x due time); its
 *   primary key makes each warning or escalation happen once, however often its timer fires.
 * - notifications + notification_attempts: every message to a customer, agent or webhook endpoint,
 *   rendered once, with its delivery state and every attempt.
 * - webhook_endpoints: integrations that receive the customer-visible events (Standard Webhooks).
 * - SLA targets in seconds, so short targets are possible (tests, drills); the API keeps minutes.
 */
export class WorkerOutboxAndNotifications1763798700000 implements MigrationInterface {
  name = 'WorkerOutboxAndNotifications1763798700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE job_outbox (
      event_id bigint PRIMARY KEY REFERENCES ticket_events(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      handed_over_at timestamptz,
      hand_overs integer NOT NULL DEFAULT 0)`);
    await q.query(`CREATE INDEX job_outbox_due ON job_outbox (handed_over_at NULLS FIRST, event_id)`);
    await q.query(`CREATE FUNCTION firsthand_enqueue_job_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO job_outbox (event_id) VALUES (NEW.id);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER ticket_events_job_outbox AFTER INSERT ON ticket_events
      FOR EACH ROW EXECUTE FUNCTION firsthand_enqueue_job_event()`);
    await q.query(`CREATE FUNCTION firsthand_notify_job_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('firsthand_job_outbox', '');
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER ticket_events_job_notify AFTER INSERT ON ticket_events
      FOR EACH STATEMENT EXECUTE FUNCTION firsthand_notify_job_outbox()`);

    await q.query(`CREATE TABLE sla_escalations (
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      target text NOT NULL CHECK (target IN ('first_response', 'next_update', 'resolution')),
      stage text NOT NULL CHECK (stage IN ('warning', 'breach', 'critical', 'reminder')),
      due_at timestamptz NOT NULL,
      applied_at timestamptz NOT NULL,
      event_seq integer NOT NULL,
      PRIMARY KEY (ticket_id, target, stage, due_at))`);

    await q.query(`CREATE TABLE webhook_endpoints (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      url text NOT NULL,
      secret text NOT NULL,
      description text NOT NULL DEFAULT '',
      active boolean NOT NULL DEFAULT true,
      created_by uuid REFERENCES agents(id),
      created_at timestamptz NOT NULL DEFAULT now())`);

    await q.query(`CREATE TABLE notifications (
      id uuid PRIMARY KEY,
      dedupe_key text NOT NULL UNIQUE,
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      event_id bigint REFERENCES ticket_events(id),
      kind text NOT NULL,
      recipient_type text NOT NULL CHECK (recipient_type IN ('customer', 'agent', 'endpoint')),
      recipient_id uuid,
      recipient_name text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('email', 'sms', 'webhook')),
      address text NOT NULL,
      locale text NOT NULL,
      subject text NOT NULL DEFAULT '',
      text_body text NOT NULL,
      html_body text,
      payload jsonb,
      status text NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'suppressed')),
      attempts integer NOT NULL DEFAULT 0,
      max_attempts integer NOT NULL,
      retry_round integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      lease_until timestamptz,
      last_error text,
      provider_message_id text,
      sent_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX notifications_waiting ON notifications (next_attempt_at) WHERE status IN ('pending', 'sending')`);
    await q.query(`CREATE INDEX notifications_status ON notifications (status, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notifications_ticket ON notifications (ticket_id, created_at)`);
    await q.query(`CREATE INDEX notifications_sms_budget ON notifications (recipient_id, created_at) WHERE channel = 'sms' AND status <> 'suppressed'`);

    await q.query(`CREATE TABLE notification_attempts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      notification_id uuid NOT NULL REFERENCES notifications(id),
      attempt integer NOT NULL,
      worker text NOT NULL,
      started_at timestamptz NOT NULL,
      finished_at timestamptz,
      outcome text CHECK (outcome IN ('sent', 'retry', 'failed')),
      error text,
      response_code integer,
      UNIQUE (notification_id, attempt))`);

    await q.query(`ALTER TABLE agents ADD COLUMN locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('zh-CN', 'en'))`);

    for (const target of ['first_response', 'update_cadence', 'resolution']) {
      await q.query(`ALTER TABLE sla_policies RENAME COLUMN ${target}_minutes TO ${target}_seconds`);
      await q.query(`UPDATE sla_policies SET ${target}_seconds = ${target}_seconds * 60`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const target of ['first_response', 'update_cadence', 'resolution']) {
      await q.query(`UPDATE sla_policies SET ${target}_seconds = greatest(1, round(${target}_seconds / 60.0))`);
      await q.query(`ALTER TABLE sla_policies RENAME COLUMN ${target}_seconds TO ${target}_minutes`);
    }
    await q.query(`ALTER TABLE agents DROP COLUMN locale`);
    for (const table of ['notification_attempts', 'notifications', 'webhook_endpoints', 'sla_escalations']) await q.query(`DROP TABLE IF EXISTS ${table}`);
    await q.query(`DROP TRIGGER IF EXISTS ticket_events_job_notify ON ticket_events`);
    await q.query(`DROP TRIGGER IF EXISTS ticket_events_job_outbox ON ticket_events`);
    await q.query(`DROP FUNCTION IF EXISTS firsthand_notify_job_outbox()`);
    await q.query(`DROP FUNCTION IF EXISTS firsthand_enqueue_job_event()`);
    await q.query(`DROP TABLE IF EXISTS job_outbox`);
  }
}
