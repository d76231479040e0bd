import type { MigrationInterface, QueryRunner } from 'typeorm';

/** UNTICKETED_REASON_KINDS as of this migration. */
const KINDS = [
  'sender_rate', 'automatic', 'list', 'bounce', 'no_sender', 'own_address', 'agent_address', 'quoted_only',
  'too_large', 'too_many_recipients', 'too_many_parts', 'too_deep', 'malformed', 'unknown_charset', 'other',
];

/**
 * Why a mail made no ticket gets a column of its own, `reason_kind` (UNTICKETED_REASON_KINDS), which
 * the intake records with the reason and the API answers as `reasonKind`: it was read back from the
 * English `reason`, so a reworded reason changed what the panel said. Rows recorded before are given
 * the kind their reason reads as, by the rules that read it until now (a reason in no known shape,
 * or none since an erasure, is 'other'); mails on a ticket have none.
 */
export class InboundMailReasonKinds1763805100000 implements MigrationInterface {
  name = 'InboundMailReasonKinds1763805100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbound_mails ADD COLUMN reason_kind text CONSTRAINT inbound_mails_reason_kind CHECK (reason_kind IN (${KINDS.map((k) => `'${k}'`).join(', ')}))`);
    await q.query(`UPDATE inbound_mails SET reason_kind = CASE
        WHEN starts_with(reason, 'auto_submitted:') OR starts_with(reason, 'precedence:') OR starts_with(reason, 'auto_response_suppress:') THEN 'automatic'
        WHEN starts_with(reason, 'list:') THEN 'list'
        WHEN starts_with(reason, 'too_large:') THEN 'too_large'
        WHEN starts_with(reason, 'too_many_recipients:') THEN 'too_many_recipients'
        WHEN starts_with(reason, 'too_many_parts:') THEN 'too_many_parts'
        WHEN starts_with(reason, 'too_deep:') THEN 'too_deep'
        WHEN starts_with(reason, 'malformed:') THEN 'malformed'
        WHEN starts_with(reason, 'unknown_charset:') THEN 'unknown_charset'
        WHEN starts_with(reason, 'bounce') THEN 'bounce'
        WHEN starts_with(reason, 'no sender address') THEN 'no_sender'
        WHEN starts_with(reason, 'from one of our own addresses (a loop)') THEN 'own_address'
        WHEN starts_with(reason, 'from an agent''s address: agents answer in the console, not by mail') THEN 'agent_address'
        WHEN reason ~ '^more than \\d+ mails from this sender in an hour' THEN 'sender_rate'
        WHEN reason ~ '^a reply on \\S+ with no text of its own' THEN 'quoted_only'
        ELSE 'other' END
      WHERE outcome IN ('ignored', 'quarantined')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbound_mails DROP COLUMN reason_kind`);
  }
}
