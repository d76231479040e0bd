import { Injectable } from '@nestjs/common';
import { TeamNameTaken } from '@firsthand/domain';
import { TeamStore, type Team } from '@firsthand/persistence';

/** Team names are unique whatever their case; a new default team takes over from the old one. */
@Injectable()
export class CreateTeam {
  constructor(private readonly teams: TeamStore) {}

  async execute(name: string, isDefault: boolean): Promise<Team> {
    const team = await this.teams.create({ name, isDefault });
    if (!team) throw new TeamNameTaken(name);
    return team;
  }
}
