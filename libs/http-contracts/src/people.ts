import type { AgentRole, Availability, Locale, Presence } from '@firsthand/domain';

/** The signed-in agent, as `POST /api/auth/login` answers it. */
export interface SignedInAgent {
  id: string;
  name: string;
  email: string;
  role: AgentRole;
  teamId: string | null;
}

/** `POST /api/auth/login`. */
export interface LoginAnswer {
  accessToken: string;
  agent: SignedInAgent;
  /** The token allows only enrolling a second factor (the role requires one); enrolling returns a full sign-in. */
  enrolmentRequired: boolean;
}

/** An active agent someone may hand a ticket to; no email. */
export interface Colleague {
  id: string;
  name: string;
  role: AgentRole;
  teamId: string | null;
  presence: Presence;
}

/** `GET /api/colleagues`. */
export interface ColleagueList {
  items: Colleague[];
}

/** An agent as supervisors manage them (`GET /api/agents`, `POST /api/agents`, `PATCH /api/agents/:id`). */
export interface AgentView extends Colleague {
  email: string;
  active: boolean;
  createdAt: string;
  locked: boolean;
  twoFactor: boolean;
}

export interface AgentList {
  items: AgentView[];
}

/** `GET /api/teams`, `POST /api/teams`, `PATCH /api/teams/:id`. */
export interface TeamView {
  id: string;
  name: string;
  isDefault: boolean;
  createdAt: string;
  /** Its people who may sign in and work now (active, not locked), whatever their role. */
  activeAgents: number;
}

/** `POST /api/teams` (with `isDefault?`), `PATCH /api/teams/:id` (the name alone). */
export interface TeamNameRequest {
  name: string;
}

export interface TeamList {
  items: TeamView[];
}

/** `PUT /api/agents/me/locale`: the language of the signed-in agent's own emails and live notices. */
export interface NotificationLanguage {
  locale: Locale;
}

/** What the agent chose, and what colleagues and supervisors see: `presence` is `offline` while no console of theirs is connected. */
export interface AgentAvailability {
  availability: Availability;
  presence: Presence;
}
