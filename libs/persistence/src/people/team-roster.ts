import type { AgentRole } from '@firsthand/domain';
import type { EntityManager } from 'typeorm';

/** Active agents of a team with one of the roles. */
export async function teamMembers(em: EntityManager, teamId: string | null, roles: readonly AgentRole[]): Promise<string[]> {
  if (!teamId) return [];
  const rows: Array<{ id: string }> = await em.query(`SELECT id FROM agents WHERE active AND team_id = $1 AND role = ANY($2::text[]) ORDER BY id`, [teamId, roles]);
  return rows.map((a) => a.id);
}

/** Seniors and supervisors of the ticket's team; all supervisors when the team has none, so an escalation always reaches someone. */
export async function escalationWatchers(em: EntityManager, teamId: string | null, roles: readonly AgentRole[]): Promise<string[]> {
  const inTeam = await teamMembers(em, teamId, roles);
  if (inTeam.length > 0) return inTeam;
  const everywhere: Array<{ id: string }> = await em.query(`SELECT id FROM agents WHERE active AND role = 'supervisor' ORDER BY id`);
  return everywhere.map((a) => a.id);
}
