import type { AgentRole } from '@firsthand/domain';
import type { EntityManager } from 'typeorm';
import { preparedRows } from '../prepared-query.js';

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

/**
 * Who an SLA threshold reaches, in one read: the team's agents and seniors (an unclaimed ticket's
 * warning), and its seniors and supervisors, or every supervisor when the team has none.
 */
export async function slaAudience(em: EntityManager, teamId: string | null): Promise<{ teamAgentIds: string[]; seniorAndSupervisorIds: string[] }> {
  // Prepared: read for every SLA threshold, and planning it cost more than running it.
  const rows = await preparedRows<{ id: string; role: AgentRole; in_team: boolean }>(
    em,
    `SELECT id, role, coalesce(team_id = $1, false) AS in_team FROM agents
     WHERE active AND ((team_id = $1 AND role = ANY('{agent,senior,supervisor}'::text[])) OR role = 'supervisor') ORDER BY id`,
    [teamId],
  );
  const inTeam = rows.filter((r) => r.in_team);
  const teamAgentIds = inTeam.filter((r) => r.role === 'agent' || r.role === 'senior').map((r) => r.id);
  const teamSeniors = inTeam.filter((r) => r.role === 'senior' || r.role === 'supervisor').map((r) => r.id);
  const seniorAndSupervisorIds = teamSeniors.length > 0 ? teamSeniors : rows.filter((r) => r.role === 'supervisor').map((r) => r.id);
  return { teamAgentIds: teamId ? teamAgentIds : [], seniorAndSupervisorIds };
}
