import type { Assignee } from '@firsthand/domain';
import type { EntityManager } from 'typeorm';
import { SqlRunner } from '../sql-runner.js';

/** The agent a ticket is being handed or reassigned to, as the ownership rules see them. */
export async function findAssignee(tx: EntityManager, agentId: string): Promise<Assignee | null> {
  const row = await SqlRunner.of(tx).one<{ id: string; name: string; active: boolean; role: Assignee['role'] }>(`SELECT id, name, active, role FROM agents WHERE id = $1`, [agentId]);
  return row ? { id: row.id, name: row.name, active: row.active, role: row.role } : null;
}
