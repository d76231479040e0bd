import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saved views: a named search (query text, filters, order) an agent keeps for themself or shares
 * with a team. `filters` holds the search route's filters as JSON, validated by the API on save.
 */
export class SavedViews1763799001000 implements MigrationInterface {
  name = 'SavedViews1763799001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE saved_views (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
      scope text NOT NULL CHECK (scope IN ('personal', 'team')),
      owner_id uuid NOT NULL REFERENCES agents(id),
      team_id uuid REFERENCES teams(id),
      q text CHECK (q IS NULL OR length(q) <= 200),
      filters jsonb NOT NULL DEFAULT '{}',
      sort text NOT NULL DEFAULT 'newest' CHECK (sort IN ('relevance', 'newest', 'oldest')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((scope = 'team') = (team_id IS NOT NULL)))`);
    await q.query(`CREATE INDEX saved_views_owner ON saved_views (owner_id) WHERE scope = 'personal'`);
    await q.query(`CREATE INDEX saved_views_team ON saved_views (team_id) WHERE scope = 'team'`);
    await q.query(`CREATE UNIQUE INDEX saved_views_team_name ON saved_views (team_id, lower(name)) WHERE scope = 'team'`);
    await q.query(`CREATE UNIQUE INDEX saved_views_personal_name ON saved_views (owner_id, lower(name)) WHERE scope = 'personal'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS saved_views`);
  }
}
