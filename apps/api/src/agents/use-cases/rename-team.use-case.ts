import { Inject, Injectable } from '@nestjs/common';
import { FIRSTHAND_CONFIG, teamsNamedInSettings, type FirsthandConfig } from '@firsthand/config';
import { settingsBrokenByRename, TeamNamedInSettings, TeamNameTaken, TeamNotFound } from '@firsthand/domain';
import { TeamStore, type TeamWithMembers } from '@firsthand/persistence';
import { AuditTrail, type AuditScene } from '../../audit/audit-trail.js';

/**
 * Team names stay unique whatever their case; a rename that changes nothing leaves no audit entry.
 * A team the settings name by name keeps it: the API reads the same MAIL_ADDRESSES and
 * IMAP_MAILBOXES as the workers, which match the names only when they start, and
 * FIRSTHAND_OIDC_PROVISION_TEAM, which sign-in matches at each newcomer.
 */
@Injectable()
export class RenameTeam {
  constructor(
    private readonly teams: TeamStore,
    private readonly audit: AuditTrail,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  async execute(id: string, name: string, scene: AuditScene): Promise<TeamWithMembers> {
    return this.audit.inside(scene, async (tx) => {
      const renamed = await this.teams.rename(id, name, tx);
      if (!renamed) throw new TeamNotFound(id);
      // Refusals are thrown inside the transaction, which rolls back the update (or what is left of it).
      if (renamed === 'name-taken') throw new TeamNameTaken(name);
      const { before, after } = renamed;
      const broken = settingsBrokenByRename(teamsNamedInSettings(this.config), before.name, after.name);
      if (broken.length > 0) throw new TeamNamedInSettings(id, broken);
      const entries = before.name === after.name ? [] : [{ action: 'team.renamed' as const, target: { type: 'team', id, label: after.name }, before: { name: before.name }, after: { name: after.name } }];
      return { result: after, entries };
    });
  }
}
