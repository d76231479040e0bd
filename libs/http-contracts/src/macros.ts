import type { AgentSettableStatus, Locale, MacroScope, Priority, Visibility } from '@firsthand/domain';
import type { TicketChange } from './tickets.js';

/** A macro as the API shows it. */
export interface MacroView {
  id: string;
  name: string;
  scope: MacroScope;
  owner: { id: string; name: string };
  teamId: string | null;
  /** The reply per language; the customer's locale picks, the other language is the fallback. */
  reply: Record<Locale, string | null>;
  status: AgentSettableStatus | null;
  addTags: string[];
  removeTags: string[];
  priority: Priority | null;
  /** Send it back as `expectedVersion` when changing the macro. */
  version: number;
  /** Whether the caller may change or delete it. */
  manageable: boolean;
  updatedAt: string;
}

export interface MacroList {
  items: MacroView[];
}

/** `POST /api/macros`; `teamId` only for a team macro (the agent's own team when absent). */
export interface MacroDefinition {
  name: string;
  scope: MacroScope;
  teamId?: string;
  reply?: Partial<Record<Locale, string | null>>;
  status?: AgentSettableStatus | null;
  addTags?: string[];
  removeTags?: string[];
  priority?: Priority | null;
}

/** `PATCH /api/macros/:id`: the whole new definition (scope and team stay), over the version last seen. */
export type MacroUpdate = Omit<MacroDefinition, 'scope' | 'teamId'> & { expectedVersion: number };

/** What applying a macro did. A non-owner's macro is the limited version: an internal note and tags. */
export interface MacroApplied {
  reply: Visibility | null;
  status: AgentSettableStatus | null;
  priority: Priority | null;
  tagsAdded: string[];
  tagsRemoved: string[];
  /** Actions left out because the agent does not own the ticket. */
  skipped: Array<'status' | 'priority'>;
}

/** `GET /api/tickets/:id/macros/:macroId/reply`: the macro's reply filled from the ticket, as applying would send it. */
export interface RenderedMacroReply {
  macroId: string;
  ticketId: string;
  /** The language of the text: the customer's, when the macro has a reply in it. */
  locale: Locale;
  /** Null when the macro has no reply. */
  text: string | null;
}

/** `POST /api/tickets/:id/macros/:macroId/apply`. */
export type MacroApplication = TicketChange & { applied: MacroApplied };
