import { DomainError } from '../domain-errors.js';

/**
 * Why a mail that made no ticket may still become one: it was quarantined for its sender's hourly
 * rate, or ignored as machine-made noise (Auto-Submitted, Precedence, a null sender). A busy
 * purchasing department writes 31 times an hour; some mail systems stamp `Precedence: bulk` on
 * everything. Bounces, our own addresses, agents' addresses, mailing lists and unreadable mail are
 * never held: they must never become tickets (see `neverATicket`, `holdsNoise`).
 */
export type HeldFor = 'sender_rate' | 'noise';

/**
 * A held mail keeps its original (to be taken in later) while its sender sent fewer than twice the
 * hourly limit in the hour: the limit's worth of ticketed mail, then as many held ones. A flood
 * past that is recorded without its bytes. The bound is per From address: many senders each
 * stay under it, which is why held originals are also deleted after MAIL_HELD_KEEP_DAYS.
 */
export function keepsHeldOriginal(sentInTheHour: number, perSenderPerHour: number): boolean {
  return sentInTheHour < 2 * perSenderPerHour;
}

/** What a mail says of its sender, as the intake read it (the email lib's noise kinds). */
export interface MailSenderFacts {
  /** The From address; null when it has none. */
  sender: string | null;
  /** A delivery status report (a bounce) of one of our mails. */
  bounce: boolean;
  noiseKind: 'auto_submitted' | 'precedence' | 'auto_response_suppress' | 'bounce' | 'list' | null;
  fromOurOwnAddress: boolean;
  /** The sender is an active agent of ours. */
  fromAgent: boolean;
}

/** Why a mail must never become a ticket, whoever asks. */
export type NeverATicket = 'bounce' | 'no_sender' | 'own_address' | 'agent_address';

/**
 * What must never become a ticket, held or not, taken in or not: a bounce (loops start there), a
 * mail with no sender, one from our own address (a loop), one from an agent (who would become the
 * customer of their own note). Null when nothing says so.
 */
export function neverATicket(mail: MailSenderFacts): NeverATicket | null {
  if (mail.bounce || mail.noiseKind === 'bounce') return 'bounce';
  if (mail.sender === null) return 'no_sender';
  if (mail.fromOurOwnAddress) return 'own_address';
  if (mail.fromAgent) return 'agent_address';
  return null;
}

/**
 * Whether machine-looking mail is held (with its bytes) for a supervisor to take in: a person's mail
 * that only looks automatic. A mailing list's never is: taken in, the list would become the
 * customer, or be copied on the owner's answers.
 */
export function holdsNoise(mail: MailSenderFacts): boolean {
  return neverATicket(mail) === null && mail.noiseKind !== 'list';
}

/** Why the worker will not take a held mail in, read again when a supervisor asked: what the panel words. */
export const TAKE_IN_REFUSALS = ['unreadable', 'bounce', 'list', 'no_sender', 'own_address', 'agent_address', 'quoted_only', 'original_gone', 'erased'] as const;
export type TakeInRefusal = (typeof TAKE_IN_REFUSALS)[number];

/** A held mail read again for a take-in: why it must still not become a ticket, or null (the quoted-only rule needs its thread, and is the worker's). */
export function takeInRefusal(mail: MailSenderFacts): NeverATicket | 'list' | null {
  return neverATicket(mail) ?? (mail.noiseKind === 'list' ? 'list' : null);
}

/** A take-in's state: under way, done, refused by the worker (for good), or given up after failures that may pass (a new request starts it again). */
export type TakeInState = 'requested' | 'taken' | 'refused' | 'gave_up';

/** What a take-in asks of a recorded mail. */
export interface HeldMailFacts {
  outcome: 'opened' | 'continued' | 'ignored' | 'quarantined';
  heldFor: HeldFor | null;
  originalKept: boolean;
  /** An earlier request to take it in. */
  takeIn: { state: TakeInState; refusedReason: TakeInRefusal | null } | null;
}

export class InboundMailNotFound extends DomainError {
  readonly code = 'mail-not-found';
  constructor() {
    super('No such mail.');
  }
}

export class MailAlreadyTicketed extends DomainError {
  readonly code = 'mail-already-ticketed';
  constructor(readonly ticketId: string | null) {
    super('This mail is on a ticket already.');
  }
  override extensions() {
    return { ticketId: this.ticketId };
  }
}

export class MailTakeInUnderWay extends DomainError {
  readonly code = 'mail-take-in-under-way';
  constructor() {
    super('This mail is being taken in already.');
  }
}

export const CANNOT_TAKE_IN_WHY = ['not_held', 'original_not_kept', 'refused', 'sender_being_erased'] as const;
export type CannotTakeInWhy = (typeof CANNOT_TAKE_IN_WHY)[number];

export class MailCannotBeTakenIn extends DomainError {
  readonly code = 'mail-cannot-be-taken-in';
  constructor(readonly why: CannotTakeInWhy, detail: string) {
    super(detail);
  }
  override extensions() {
    return { why: this.why };
  }
}

/** Throws why the mail cannot be taken in now, or returns. A request given up after passing failures may be asked again. */
/** The sender's customer record is being erased: a ticket opened now would escape the erasure (it lists its tickets when it starts). */
export function refuseWhileSenderIsErased(): never {
  throw new MailCannotBeTakenIn('sender_being_erased', "The sender's customer data is being erased; their mail is not taken in.");
}

export function assertMayTakeIn(mail: HeldMailFacts, ticketId: string | null): void {
  if (mail.outcome === 'opened' || mail.outcome === 'continued') throw new MailAlreadyTicketed(ticketId);
  if (mail.takeIn?.state === 'requested') throw new MailTakeInUnderWay();
  if (mail.takeIn?.state === 'taken') throw new MailAlreadyTicketed(ticketId);
  if (mail.takeIn?.state === 'refused') throw new MailCannotBeTakenIn('refused', `It was tried and refused (${mail.takeIn.refusedReason ?? 'no reason given'}).`);
  if (mail.heldFor === null) {
    throw new MailCannotBeTakenIn('not_held', 'Only mail held back for its sender\'s hourly rate or as automatic mail can be taken in; a bounce, a mailing list\'s mail, mail from our own or an agent\'s address, and unreadable mail never become tickets.');
  }
  if (!mail.originalKept) throw new MailCannotBeTakenIn('original_not_kept', 'Its original is not kept (its sender sent too many mails in the hour, or it was deleted after MAIL_HELD_KEEP_DAYS), so there is nothing to take in.');
}

/** Whether a take-in would be accepted now (the list's button shows only there). */
export function mayTakeIn(mail: HeldMailFacts): boolean {
  try {
    assertMayTakeIn(mail, null);
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}
