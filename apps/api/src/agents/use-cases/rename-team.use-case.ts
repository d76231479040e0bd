import { Injectable } from '@nestjs/common';
import { TeamNameTaken, TeamNotFound } from '@firsthand/domain';
import { TeamStore, type TeamWithMembers } from '@firsthand/persistence';
import { AuditTrail, type AuditScene } from '../../audit/audit-trail.js';

/** Team names stay unique whatever their case; a rename that changes nothing leaves no audit entry. */
@Injectable()
export class RenameTeam {
  constructor(
    private readonly teams: TeamStore,
    private readonly audit: AuditTrail,
  ) {}

  async execute(id: string, name: string, scene: AuditScene): Promise<TeamWithMembers> {
    return this.audit.inside(scene, async (tx) => {
      const renamed = await this.teams.rename(id, name, tx);
      if (!renamed) throw new TeamNotFound(id);
      // Thrown inside the transaction, which the refused update spoilt: it rolls back.
      if (renamed === 'name-taken') throw new TeamNameTaken(name);
      const { before, after } = renamed;
      const entries = before.name === after.name ? [] : [{ action: 'team.renamed' as const, target: { type: 'team', id, label: after.name }, before: { name: before.name }, after: { name: after.name } }];
      return { result: after, entries };
    });
  }
}
