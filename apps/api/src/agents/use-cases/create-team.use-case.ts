import { Injectable } from '@nestjs/common';
import { TeamNameTaken } from '@firsthand/domain';
import { TeamStore, type Team } from '@firsthand/persistence';
import { AuditTrail, type AuditScene } from '../../audit/audit-trail.js';

/** Team names are unique whatever their case; a new default team takes over from the old one. */
@Injectable()
export class CreateTeam {
  constructor(
    private readonly teams: TeamStore,
    private readonly audit: AuditTrail,
  ) {}

  async execute(name: string, isDefault: boolean, scene: AuditScene): Promise<Team> {
    return this.audit.inside(scene, async (tx) => {
      const team = await this.teams.create({ name, isDefault }, tx);
      // Thrown inside the transaction, so a default unset before the conflict comes back.
      if (!team) throw new TeamNameTaken(name);
      return { result: team, entries: [{ action: 'team.created', target: { type: 'team', id: team.id, label: team.name }, before: null, after: { name: team.name, isDefault: team.isDefault } }] };
    });
  }
}
