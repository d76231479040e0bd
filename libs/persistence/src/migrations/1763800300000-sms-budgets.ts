import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SMS budgets (issue 13). A send the budgets refuse is stored as `refused`, with its reason, so
 * supervisors see what was held back; it is never sent. The budgets count the SMS of the last hour
 * per number and in all (per prefix by the address's leading digits), so those two counts get
 * partial indexes over the SMS that count: a flood of refused ones does not slow the counting.
 */
export class SmsBudgets1763800300000 implements MigrationInterface {
  name = 'SmsBudgets1763800300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_status_check`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_status_check
      CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'suppressed', 'refused'))`);
    await q.query(`CREATE INDEX notifications_sms_hour ON notifications (created_at) WHERE channel = 'sms' AND status NOT IN ('suppressed', 'refused')`);
    await q.query(`CREATE INDEX notifications_sms_number ON notifications (address, created_at) WHERE channel = 'sms' AND status NOT IN ('suppressed', 'refused')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_sms_number`);
    await q.query(`DROP INDEX notifications_sms_hour`);
    await q.query(`UPDATE notifications SET status = 'suppressed' WHERE status = 'refused'`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_status_check`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_status_check
      CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'suppressed'))`);
  }
}
