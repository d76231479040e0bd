import { assertMayTakeIn, keepsHeldOriginal, MailAlreadyTicketed, MailCannotBeTakenIn, MailTakeInUnderWay, mayTakeIn, type HeldMailFacts } from './held-mail.js';

const held: HeldMailFacts = { outcome: 'quarantined', heldFor: 'sender_rate', originalKept: true, takeIn: null };

describe('keepsHeldOriginal', () => {
  it('keeps the originals of the limit\'s worth of held mail past the limit, none after', () => {
    expect(keepsHeldOriginal(30, 30)).toBe(true);
    expect(keepsHeldOriginal(59, 30)).toBe(true);
    expect(keepsHeldOriginal(60, 30)).toBe(false);
  });
});

describe('assertMayTakeIn', () => {
  it('lets a held mail with its original be taken in, noise as well as a flood', () => {
    expect(() => assertMayTakeIn(held, null)).not.toThrow();
    expect(mayTakeIn({ ...held, outcome: 'ignored', heldFor: 'noise' })).toBe(true);
  });

  it('refuses a mail on a ticket, and one being taken in, as conflicts', () => {
    expect(() => assertMayTakeIn({ ...held, outcome: 'opened' }, 't1')).toThrow(MailAlreadyTicketed);
    expect(() => assertMayTakeIn({ ...held, takeIn: { state: 'requested', refusedReason: null } }, null)).toThrow(MailTakeInUnderWay);
  });

  it('refuses what must never be a ticket, a mail without its original, and one the worker refused, saying why', () => {
    const why = (facts: HeldMailFacts) => {
      try {
        assertMayTakeIn(facts, null);
        return null;
      } catch (error) {
        return error instanceof MailCannotBeTakenIn ? error.why : 'other';
      }
    };
    expect(why({ ...held, outcome: 'ignored', heldFor: null })).toBe('not_held');
    expect(why({ ...held, originalKept: false })).toBe('original_not_kept');
    expect(why({ ...held, takeIn: { state: 'refused', refusedReason: "from an agent's address" } })).toBe('refused');
    expect(mayTakeIn({ ...held, originalKept: false })).toBe(false);
  });
});
