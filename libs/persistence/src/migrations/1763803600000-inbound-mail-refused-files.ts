import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The files an accepted mail carried that the intake would not attach (a lying extension, an
 * executable, over a limit), as data: `[{filename, reason}]`, written by the intake and read by the
 * API for the timeline. The mail's `reason` keeps its readable "files refused: …" line for admins;
 * nothing reads it back any more. Mails recorded before are filled in from that line (a name and
 * its reason in brackets, "; " between files; a piece cut short by the 2,000-character limit keeps
 * its text as the name).
 */
export class InboundMailRefusedFiles1763803600000 implements MigrationInterface {
  name = 'InboundMailRefusedFiles1763803600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbound_mails ADD COLUMN refused_files jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await q.query(`
      UPDATE inbound_mails m SET refused_files = coalesce((
        SELECT jsonb_agg(CASE WHEN p.parts IS NULL THEN jsonb_build_object('filename', piece, 'reason', '')
                              ELSE jsonb_build_object('filename', p.parts[1], 'reason', p.parts[2]) END ORDER BY ord)
        FROM regexp_split_to_table(substr(m.reason, length('files refused: ') + 1), '; ') WITH ORDINALITY AS s(piece, ord)
        CROSS JOIN LATERAL regexp_match(piece, '^(.*) \\((.*)\\)$') AS p(parts)
        WHERE piece <> ''), '[]'::jsonb)
      WHERE m.reason LIKE 'files refused: %'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbound_mails DROP COLUMN refused_files`);
  }
}
