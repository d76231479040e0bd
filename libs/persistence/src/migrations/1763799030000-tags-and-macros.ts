import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tag suggestions and macros (issue 12).
 *
 * `tag_uses` counts, per team, the tickets carrying each tag, kept by a trigger on `tickets` in the
 * same transaction as the change, so "tags in use in my team, most used first, starting with…" is
 * an index range scan instead of unnesting every ticket's tags. Tickets without a team count under
 * the nil uuid. The trigger changes the counts one tag at a time in (team, tag) order, so two
 * transactions never take the same counters in opposite orders.
 */
export class TagsAndMacros1763799030000 implements MigrationInterface {
  name = 'TagsAndMacros1763799030000';

  async up(q: QueryRunner): Promise<void> {
    // A ticket closed as spam may never have been owned (spam mostly arrives unclaimed): the one
    // exception to "owned exactly when not new".
    await q.query(`ALTER TABLE tickets DROP CONSTRAINT tickets_check`);
    await q.query(`ALTER TABLE tickets ADD CONSTRAINT tickets_owned_unless_new CHECK (
      (owner_id IS NULL) = (status = 'new') OR (owner_id IS NULL AND status = 'closed' AND resolution = 'spam'))`);

    await q.query(`CREATE TABLE tag_uses (
      team_key uuid NOT NULL,
      tag text NOT NULL,
      uses integer NOT NULL CHECK (uses >= 0),
      PRIMARY KEY (team_key, tag))`);
    // Prefix search within the agent's teams, and across all teams for supervisors.
    await q.query(`CREATE INDEX tag_uses_team_prefix ON tag_uses (team_key, tag text_pattern_ops) WHERE uses > 0`);
    await q.query(`CREATE INDEX tag_uses_prefix ON tag_uses (tag text_pattern_ops) WHERE uses > 0`);
    await q.query(`CREATE FUNCTION tag_uses_follow_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        nil CONSTANT uuid := '00000000-0000-0000-0000-000000000000';
        old_key uuid := nil;
        new_key uuid := nil;
        old_tags text[] := '{}';
        new_tags text[] := '{}';
        r record;
      BEGIN
        IF TG_OP <> 'INSERT' THEN old_key := coalesce(OLD.team_id, nil); old_tags := OLD.tags; END IF;
        IF TG_OP <> 'DELETE' THEN new_key := coalesce(NEW.team_id, nil); new_tags := NEW.tags; END IF;
        IF TG_OP = 'UPDATE' AND old_key = new_key AND old_tags = new_tags THEN RETURN NULL; END IF;
        FOR r IN
          SELECT k, tg, sum(d)::integer AS d FROM (
            SELECT DISTINCT old_key AS k, unnest(old_tags) AS tg, -1 AS d
            UNION ALL
            SELECT DISTINCT new_key, unnest(new_tags), 1) AS moves
          GROUP BY k, tg HAVING sum(d) <> 0 ORDER BY k, tg
        LOOP
          INSERT INTO tag_uses (team_key, tag, uses) VALUES (r.k, r.tg, greatest(r.d, 0))
          ON CONFLICT (team_key, tag) DO UPDATE SET uses = greatest(tag_uses.uses + r.d, 0);
        END LOOP;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER tickets_tag_uses AFTER INSERT OR DELETE OR UPDATE OF tags, team_id ON tickets
      FOR EACH ROW EXECUTE FUNCTION tag_uses_follow_ticket()`);
    await q.query(`INSERT INTO tag_uses (team_key, tag, uses)
      SELECT team_key, tag, count(*) FROM (
        SELECT DISTINCT t.id, coalesce(t.team_id, '00000000-0000-0000-0000-000000000000'::uuid) AS team_key, u.tag
        FROM tickets t CROSS JOIN unnest(t.tags) AS u(tag)) AS each_use
      GROUP BY team_key, tag`);

    // A macro: a named bundle of a reply (per language), a status, tags and a priority.
    await q.query(`CREATE TABLE macros (
      id uuid PRIMARY KEY,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
      scope text NOT NULL CHECK (scope IN ('personal', 'team')),
      owner_id uuid NOT NULL REFERENCES agents(id),
      team_id uuid REFERENCES teams(id),
      reply_zh_cn text CHECK (length(reply_zh_cn) <= 5000),
      reply_en text CHECK (length(reply_en) <= 5000),
      status text CHECK (status IN ('open', 'pending_customer', 'resolved')),
      add_tags text[] NOT NULL DEFAULT '{}',
      remove_tags text[] NOT NULL DEFAULT '{}',
      priority text CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((scope = 'team') = (team_id IS NOT NULL)))`);
    await q.query(`CREATE INDEX macros_personal ON macros (owner_id, lower(name)) WHERE scope = 'personal'`);
    await q.query(`CREATE INDEX macros_team ON macros (team_id, lower(name)) WHERE scope = 'team'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE macros`);
    await q.query(`DROP TRIGGER tickets_tag_uses ON tickets`);
    await q.query(`DROP FUNCTION tag_uses_follow_ticket()`);
    await q.query(`DROP TABLE tag_uses`);
    await q.query(`ALTER TABLE tickets DROP CONSTRAINT tickets_owned_unless_new`);
    await q.query(`ALTER TABLE tickets ADD CONSTRAINT tickets_check CHECK ((owner_id IS NULL) = (status = 'new'))`);
  }
}
