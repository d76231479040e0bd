import { DomainError } from '../domain-errors.js';
import type { TicketDecision } from '../ticket-decision.js';
import type { Actor, Ticket } from '../ticket.js';
import type { Channel, CustomerTier, TicketKind } from '../vocabulary.js';
import type { ArticleAudience, ArticleStatus } from './article-rules.js';

/** The bot's settings (FIRSTHAND_BOT_*): off, or how sure it must be and how long a person waits behind it. */
export interface BotSettings {
  enabled: boolean;
  /** 0..1, compared with articleMatchScore. */
  minConfidence: number;
  holdMinutes: number;
}

/**
 * How a held ticket left the bot: resolved by the customer, handed to a person and why ('claimed':
 * an agent claimed it or a supervisor assigned it), or closed without anyone (spam, an erasure).
 */
export const BOT_HANDOVER_REASONS = ['asked', 'timer', 'replied', 'claimed'] as const;
export type BotHandoverReason = (typeof BOT_HANDOVER_REASONS)[number];
export type BotOutcome = 'held' | 'resolved' | BotHandoverReason | 'closed';

/** What the bot looks at on a new ticket. */
export interface BotTicketFacts {
  kind: TicketKind;
  tier: CustomerTier;
  channel: Channel;
  /** An agent opening a ticket for the customer is already a person on it. */
  openedByAgent: boolean;
}

/** The best public match for the ticket's text, as the knowledge base found it. */
export interface BotCandidate {
  articleId: string;
  status: ArticleStatus;
  audience: ArticleAudience;
  botMayAnswer: boolean;
  confidence: number;
}

export type BotAnswerDecision = { answer: true } | { answer: false; reason: 'off' | 'agent' | 'complaint' | 'vip' | 'channel' | 'no-match' | 'not-public' | 'category' | 'low-confidence' };

/** Channels a customer opens a ticket on themselves and can be answered on (the tracking page, mail). */
const ANSWERED_CHANNELS: ReadonlySet<Channel> = new Set(['web', 'email']);

/**
 * Whether the bot answers a new ticket with an article: only a standard question (never a complaint,
 * never a VIP customer), only with a published public article in a category that allows it, and only
 * when the match is at least as sure as the setting asks. Anything else goes straight to a person.
 */
export function botAnswerDecision(settings: BotSettings, ticket: BotTicketFacts, best: BotCandidate | null): BotAnswerDecision {
  if (!settings.enabled) return { answer: false, reason: 'off' };
  if (ticket.openedByAgent) return { answer: false, reason: 'agent' };
  if (ticket.kind === 'complaint') return { answer: false, reason: 'complaint' };
  if (ticket.tier === 'vip') return { answer: false, reason: 'vip' };
  if (!ANSWERED_CHANNELS.has(ticket.channel)) return { answer: false, reason: 'channel' };
  if (!best) return { answer: false, reason: 'no-match' };
  if (best.status !== 'published' || best.audience !== 'public') return { answer: false, reason: 'not-public' };
  if (!best.botMayAnswer) return { answer: false, reason: 'category' };
  if (!(best.confidence >= settings.minConfidence)) return { answer: false, reason: 'low-confidence' };
  return { answer: true };
}

/** When the hold of a ticket answered at `createdAt` ends: the team queue shows it from then on. */
export function botHoldEndsAt(createdAt: Date, settings: Pick<BotSettings, 'holdMinutes'>): Date {
  return new Date(createdAt.getTime() + settings.holdMinutes * 60_000);
}

export interface BotAnswerRecord {
  articleId: string;
  articleVersion: number;
  title: string;
  locale: string;
  confidence: number;
}

const BOT: Actor = { type: 'system' };

/** The automatic answer on a ticket just opened: held out of the queue until `holdUntil`; its SLA due times stay. */
export function answerByBot(answer: BotAnswerRecord, holdUntil: Date): TicketDecision {
  return {
    patch: { botHoldUntil: holdUntil, botOutcome: 'held' },
    events: [{ type: 'bot_answered', visibility: 'public', actor: BOT, payload: { ...answer, automatic: true, holdUntil: holdUntil.toISOString() } }],
  };
}

/** A customer act or a hand-over on a ticket the bot no longer holds. */
export class BotHoldOver extends DomainError {
  readonly code = 'bot-hold-over';
  constructor() {
    super('This automatic answer is no longer waiting for you: a person has the issue, or it is already settled.');
  }
}

/** Whether the bot still holds the ticket: answered, nobody owns it, nothing settled it yet. */
export function isHeldByBot(ticket: Pick<Ticket, 'botOutcome' | 'ownerId' | 'status'>): boolean {
  return ticket.botOutcome === 'held' && ticket.ownerId === null && ticket.status === 'new';
}

/** "This solved it": resolved as bot-resolved, with nobody as owner or first responder. */
export function resolveByBot(ticket: Ticket, customer: { id: string; name: string }, now: Date): TicketDecision {
  if (!isHeldByBot(ticket)) throw new BotHoldOver();
  const actor: Actor = { type: 'customer', id: customer.id, name: customer.name };
  return {
    patch: { status: 'resolved', resolvedAt: now, resolution: 'bot', botOutcome: 'resolved', botHoldUntil: now, lastCustomerVisibleUpdateAt: now, nextUpdateDueAt: null },
    events: [
      { type: 'bot_resolved', visibility: 'public', actor, payload: { automatic: true } },
      { type: 'status_changed', visibility: 'public', actor, payload: { from: ticket.status, to: 'resolved', resolution: 'bot' } },
    ],
  };
}

/**
 * The bot lets go: the hold ends now (or stays ended), and the ticket is an ordinary new ticket in the
 * queue. Its SLA due times are the ones set at creation: the bot never moves them.
 */
export function handToPerson(ticket: Ticket, reason: BotHandoverReason, actor: Actor, now: Date): TicketDecision | null {
  if (!isHeldByBot(ticket)) {
    if (reason === 'asked') throw new BotHoldOver();
    return null;
  }
  return {
    patch: { botOutcome: reason, botHoldUntil: holdEndedAt(ticket, now) },
    events: [{ type: 'bot_handed_over', visibility: 'public', actor, payload: { reason } }],
  };
}

/**
 * A held ticket closed without a person (as spam, or for an erasure): the hold ends with it, quietly
 * (the close's own event is internal). Nothing to add for a ticket the bot does not hold.
 */
export function endHoldOnClose(ticket: Ticket, now: Date): Pick<Ticket, 'botOutcome' | 'botHoldUntil'> | null {
  if (!isHeldByBot(ticket)) return null;
  return { botOutcome: 'closed', botHoldUntil: holdEndedAt(ticket, now) };
}

/** A hold ends now, or stays ended at its stored instant when that passed already (the timer's hand-over is late). */
function holdEndedAt(ticket: Ticket, now: Date): Date {
  return ticket.botHoldUntil && ticket.botHoldUntil.getTime() < now.getTime() ? ticket.botHoldUntil : now;
}

/** Within a claim: a held ticket's hold ends with the claim (the claim's own rules decide ownership). */
export function botHandoverOnClaim(ticket: Ticket, actor: Actor, now: Date): TicketDecision | null {
  return handToPerson(ticket, 'claimed', actor, now);
}
