import type { ActingAgent } from './ticket.js';
import { isSupervisorRole } from './vocabulary.js';

export type SavedViewScope = 'personal' | 'team';

/** Views made from a preset (the demo's team views): the console names them in the reader's language, never a view someone named. */
export const SAVED_VIEW_PRESETS = ['vip_waiting', 'complaints', 'breaching'] as const;
export type SavedViewPreset = (typeof SAVED_VIEW_PRESETS)[number];

/** How many views an agent may keep, and a team may share: the console counts each one live. */
export const SAVED_VIEW_LIMITS = { personalPerAgent: 20, perTeam: 30 } as const;

export interface SavedViewOwnership {
  scope: SavedViewScope;
  ownerId: string;
  teamId: string | null;
}

/**
 * Who sees a view: its owner a personal one; the team's members (and supervisors, who see every
 * team's tickets) a team one.
 */
export function maySeeView(agent: ActingAgent, view: SavedViewOwnership): boolean {
  if (view.scope === 'personal') return view.ownerId === agent.id;
  return isSupervisorRole(agent.role) || view.teamId === agent.teamId;
}

/**
 * Sharing with a team: any agent with their own team; a supervisor with any team. Null when allowed,
 * else why not.
 */
export function whyNotShareWith(agent: ActingAgent, teamId: string): string | null {
  if (isSupervisorRole(agent.role)) return null;
  if (agent.teamId === null) return 'You belong to no team, so you can only save personal views.';
  if (agent.teamId !== teamId) return 'You can share a view only with your own team; a supervisor can share with any team.';
  return null;
}

/** Changing or deleting: the owner of a personal view; the creator or a supervisor for a team view. */
export function mayChangeView(agent: ActingAgent, view: SavedViewOwnership): boolean {
  if (view.scope === 'personal') return view.ownerId === agent.id;
  return view.ownerId === agent.id || isSupervisorRole(agent.role);
}
