import { RoleRequired } from '../domain-errors.js';
import type { ActingAgent } from '../ticket.js';
import { isSupervisorRole } from '../vocabulary.js';
import type { Macro, MacroScope } from './macro.js';

/** Personal macros are their owner's alone; team macros are seen by the team (and supervisors, who see every team). */
export function maySeeMacro(agent: ActingAgent, macro: Pick<Macro, 'scope' | 'ownerId' | 'teamId'>): boolean {
  if (macro.scope === 'personal') return macro.ownerId === agent.id;
  return isSupervisorRole(agent.role) || (agent.teamId !== null && agent.teamId === macro.teamId);
}

/** Who may change or delete a macro: its owner for a personal one; the team's seniors and any supervisor for a team one. */
export function mayManageMacro(agent: ActingAgent, macro: Pick<Macro, 'scope' | 'ownerId' | 'teamId'>): boolean {
  if (macro.scope === 'personal') return macro.ownerId === agent.id;
  return isSupervisorRole(agent.role) || (agent.role === 'senior' && agent.teamId === macro.teamId);
}

/** The team a new macro is shared with (null for a personal one); throws when the agent may not share with it. */
export function teamForNewMacro(agent: ActingAgent, scope: MacroScope, requestedTeamId: string | null | undefined): string | null {
  if (scope === 'personal') return null;
  const teamId = requestedTeamId ?? agent.teamId;
  if (isSupervisorRole(agent.role) && teamId) return teamId;
  if (agent.role === 'senior' && teamId && teamId === agent.teamId) return teamId;
  throw new RoleRequired(['a senior of the team', 'supervisor', 'admin'], 'share a macro with a team');
}
