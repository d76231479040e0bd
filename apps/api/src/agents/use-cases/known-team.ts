import type { TeamStore } from '@firsthand/persistence';
import { RequestValidationFailed } from '../../http/problem.js';

/** An agent may be put in no team, or in one that exists; naming an unknown team is a bad request. */
export async function assertKnownTeam(teams: TeamStore, teamId: string | null | undefined): Promise<void> {
  if (teamId && !(await teams.exists(teamId))) {
    throw new RequestValidationFailed([{ field: 'teamId', messages: ['teamId must name an existing team'] }]);
  }
}
