import type { TicketKind } from './vocabulary.js';

/** What only a signed-in agent may set when opening a ticket; a customer's form never carries them. */
export const AGENT_ONLY_OPENING_FIELDS = ['priority', 'teamId', 'tags', 'customer.tier'] as const;
export type AgentOnlyOpeningField = (typeof AGENT_ONLY_OPENING_FIELDS)[number];

export interface OpeningRequest {
  priority?: unknown;
  teamId?: unknown;
  tags?: unknown;
  customer: { tier?: unknown };
}

/** The agent-only fields an anonymous opening request tried to set, in a stable order (empty when none). */
export function agentOnlyFieldsIn(request: OpeningRequest): AgentOnlyOpeningField[] {
  const present: Record<AgentOnlyOpeningField, boolean> = {
    priority: request.priority !== undefined,
    teamId: request.teamId !== undefined,
    tags: request.tags !== undefined,
    'customer.tier': request.customer.tier !== undefined,
  };
  return AGENT_ONLY_OPENING_FIELDS.filter((field) => present[field]);
}

/**
 * Who watches a ticket from the moment it opens. A complaint is the 24-hour channel: its team's
 * supervisors watch it from the start, whatever its priority; other kinds start unwatched.
 */
export function watchersAtOpening(kind: TicketKind, teamSupervisorIds: readonly string[]): string[] {
  return kind === 'complaint' ? [...new Set(teamSupervisorIds)] : [];
}
