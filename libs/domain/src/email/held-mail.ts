import { DomainError } from '../domain-errors.js';

/**
 * Why a mail that made no ticket may still become one: it was quarantined for its sender's hourly
 * rate, or ignored as machine-made noise (Auto-Submitted, Precedence, a null sender, a list). A busy
 * purchasing department writes 31 times an hour; some mail systems stamp `Precedence: bulk` on
 * everything. Bounces, our own addresses, agents' addresses and unreadable mail are never held:
 * they must never become tickets.
 */
export type HeldFor = 'sender_rate' | 'noise';

/**
 * A held mail keeps its original (to be taken in later) while its sender sent fewer than twice the
 * hourly limit in the hour: the limit's worth of ticketed mail, then as many held ones. A flood
 * past that is recorded without its bytes, so it cannot fill the disk.
 */
export function keepsHeldOriginal(sentInTheHour: number, perSenderPerHour: number): boolean {
  return sentInTheHour < 2 * perSenderPerHour;
}

/** What a take-in asks of a recorded mail. */
export interface HeldMailFacts {
  outcome: 'opened' | 'continued' | 'ignored' | 'quarantined';
  heldFor: HeldFor | null;
  originalKept: boolean;
  /** An earlier request to take it in: under way, or refused by the worker (with why). */
  takeIn: { state: 'requested' | 'taken' | 'refused'; refusedReason: string | null } | null;
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

export const CANNOT_TAKE_IN_WHY = ['not_held', 'original_not_kept', 'refused'] as const;
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

/** Throws why the mail cannot be taken in now, or returns. */
export function assertMayTakeIn(mail: HeldMailFacts, ticketId: string | null): void {
  if (mail.outcome === 'opened' || mail.outcome === 'continued') throw new MailAlreadyTicketed(ticketId);
  if (mail.takeIn?.state === 'requested') throw new MailTakeInUnderWay();
  if (mail.takeIn?.state === 'refused') throw new MailCannotBeTakenIn('refused', `It was tried and refused: ${mail.takeIn.refusedReason ?? 'no reason given'}.`);
  if (mail.heldFor === null) {
    throw new MailCannotBeTakenIn('not_held', 'Only mail held back for its sender\'s hourly rate or as automatic mail can be taken in; a bounce, mail from our own or an agent\'s address, and unreadable mail never become tickets.');
  }
  if (!mail.originalKept) throw new MailCannotBeTakenIn('original_not_kept', 'Its original was not kept (its sender sent too many mails in the hour), so there is nothing to take in.');
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
