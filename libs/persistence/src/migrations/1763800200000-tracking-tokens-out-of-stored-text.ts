import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The database holds only the SHA-256 of a tracking token, but customers' messages were stored
 * with their tracking link, token and all, and replies by email quoted it back. Every stored
 * token in a link (`#token=` and 43 base64url characters) becomes the slot the worker now stores
 * and fills in at send time, so a message still waiting goes out with the right link.
 * Frozen copies of the pattern and slot in libs/access (tracking-link-slot.ts), as a migration must not change.
 */
const TOKEN_IN_LINK = `'#token=[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])'`;
const SLOT_IN_LINK = `'#token=${'_tracking_token_added_at_send_time_'.padEnd(43, '_')}'`;

function scrubbed(column: string): string {
  return `regexp_replace(${column}, ${TOKEN_IN_LINK}, ${SLOT_IN_LINK}, 'g')`;
}
function holdsToken(column: string): string {
  return `${column} ~ ${TOKEN_IN_LINK}`;
}

export class TrackingTokensOutOfStoredText1763800200000 implements MigrationInterface {
  name = 'TrackingTokensOutOfStoredText1763800200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE notifications SET
        text_body = ${scrubbed('text_body')},
        html_body = ${scrubbed('html_body')},
        payload = ${scrubbed('payload::text')}::jsonb
      WHERE ${holdsToken('text_body')} OR ${holdsToken('html_body')} OR ${holdsToken('payload::text')}`);
    await q.query(`UPDATE messages SET body = ${scrubbed('body')} WHERE ${holdsToken('body')}`);
    await q.query(`UPDATE ticket_events SET payload = ${scrubbed('payload::text')}::jsonb WHERE ${holdsToken('payload::text')}`);
  }

  async down(): Promise<void> {
    // The tokens are derived from the ticket id and the server secret, never stored: nothing to restore.
  }
}
