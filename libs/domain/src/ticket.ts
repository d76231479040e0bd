import type { BotOutcome } from './knowledge-base/standard-question-bot.js';
import type { PlannedSlaTargets } from './sla-clock.js';
import type {
  AgentRole,
  Channel,
  CustomerTier,
  EscalationLevel,
  Priority,
  TicketKind,
  TicketStatus,
} from './vocabulary.js';

/** A ticket as the rules see it: a snapshot read inside the transaction that changes it. */
export interface Ticket {
  id: string;
  code: string;
  subject: string;
  channel: Channel;
  kind: TicketKind;
  priority: Priority;
  tier: CustomerTier;
  status: TicketStatus;
  teamId: string | null;
  customerId: string;
  ownerId: string | null;
  firstResponderId: string | null;
  pendingHandoffToId: string | null;
  repeatOfTicketId: string | null;
  offeredToId: string | null;
  createdAt: Date;
  firstResponseAt: Date | null;
  lastCustomerVisibleUpdateAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  firstResponseDueAt: Date | null;
  nextUpdateDueAt: Date | null;
  resolutionDueAt: Date | null;
  /** Since when the resolution clock is stopped because the ticket waits for the customer; null while it runs. */
  slaPausedAt: Date | null;
  /** Working minutes the resolution clock stood still in waits that ended. */
  slaPausedMinutes: number;
  /** The targets its first-response and resolution due times were planned with; null: planned before tickets kept them. */
  plannedTargets: PlannedSlaTargets | null;
  escalationLevel: EscalationLevel;
  reopenCount: number;
  transferCount: number;
  csatRating: number | null;
  /** What solved it, as the owner wrote it (or `spam` for a spam close); null while unresolved. */
  resolution?: string | null;
  /** Normalised labels (see `tags/ticket-tags.ts`); internal, never shown to customers. */
  tags: string[];
  /** Until when the team queue does not show the ticket because the bot answered it (issue 16); null: never held. */
  botHoldUntil?: Date | null;
  /** 'held' while the bot waits for the customer; then how it ended. Null: the bot never answered. */
  botOutcome?: BotOutcome | null;
  lastSeq: number;
}

/** Someone acting on a ticket from the agent side. */
export interface ActingAgent {
  id: string;
  name: string;
  role: AgentRole;
  teamId: string | null;
}

export type Actor =
  | { type: 'agent'; id: string; name: string }
  | { type: 'customer'; id: string; name: string }
  | { type: 'system' };

export const SYSTEM: Actor = { type: 'system' };

export function agentActor(agent: ActingAgent): Actor {
  return { type: 'agent', id: agent.id, name: agent.name };
}

/** The fields of a ticket a rule may change; clients never set these directly. */
export type TicketPatch = Partial<
  Pick<
    Ticket,
    | 'status'
    | 'priority'
    | 'ownerId'
    | 'firstResponderId'
    | 'pendingHandoffToId'
    | 'offeredToId'
    | 'firstResponseAt'
    | 'lastCustomerVisibleUpdateAt'
    | 'resolvedAt'
    | 'closedAt'
    | 'nextUpdateDueAt'
    | 'escalationLevel'
    | 'reopenCount'
    | 'transferCount'
    | 'csatRating'
    | 'tier'
    | 'customerId'
    | 'firstResponseDueAt'
    | 'resolutionDueAt'
    | 'slaPausedAt'
    | 'slaPausedMinutes'
    | 'plannedTargets'
    | 'tags'
    | 'botHoldUntil'
    | 'botOutcome'
  >
> & { resolution?: string | null; csatComment?: string | null; handoffNote?: string | null };
