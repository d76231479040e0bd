import { assertMayTakeIn, holdsNoise, keepsHeldOriginal, MailAlreadyTicketed, MailCannotBeTakenIn, MailTakeInUnderWay, mayTakeIn, neverATicket, takeInRefusal, type HeldMailFacts, type MailSenderFacts } from './held-mail.js';

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

  it('refuses a mail on a ticket, one taken in already (though its row still says held), and one being taken in, as conflicts', () => {
    expect(() => assertMayTakeIn({ ...held, outcome: 'opened' }, 't1')).toThrow(MailAlreadyTicketed);
    expect(() => assertMayTakeIn({ ...held, takeIn: { state: 'taken', refusedReason: null } }, null)).toThrow(MailAlreadyTicketed);
    expect(() => assertMayTakeIn({ ...held, takeIn: { state: 'requested', refusedReason: null } }, null)).toThrow(MailTakeInUnderWay);
  });

  it('lets a request given up after passing failures be asked again, while the mail is still held with its original', () => {
    const gaveUp = { state: 'gave_up' as const, refusedReason: null };
    expect(mayTakeIn({ ...held, takeIn: gaveUp })).toBe(true);
    expect(mayTakeIn({ ...held, takeIn: gaveUp, originalKept: false })).toBe(false);
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
    expect(why({ ...held, takeIn: { state: 'refused', refusedReason: 'agent_address' } })).toBe('refused');
    expect(mayTakeIn({ ...held, originalKept: false })).toBe(false);
  });
});

describe('what must never become a ticket', () => {
  const person: MailSenderFacts = { sender: 'buyer@acme.example', bounce: false, noiseKind: null, fromOurOwnAddress: false, fromAgent: false };

  it('names a bounce, a mail with no sender, one from our own address and one from an agent', () => {
    expect(neverATicket(person)).toBeNull();
    expect(neverATicket({ ...person, bounce: true })).toBe('bounce');
    expect(neverATicket({ ...person, noiseKind: 'bounce' })).toBe('bounce');
    expect(neverATicket({ ...person, sender: null })).toBe('no_sender');
    expect(neverATicket({ ...person, fromOurOwnAddress: true })).toBe('own_address');
    expect(neverATicket({ ...person, fromAgent: true })).toBe('agent_address');
  });

  it("holds a person's automatic-looking mail, never a list's, a bounce, ours or an agent's", () => {
    expect(holdsNoise({ ...person, noiseKind: 'precedence' })).toBe(true);
    expect(holdsNoise({ ...person, noiseKind: 'auto_submitted' })).toBe(true);
    expect(holdsNoise({ ...person, noiseKind: 'list' })).toBe(false);
    expect(holdsNoise({ ...person, noiseKind: 'bounce' })).toBe(false);
    expect(holdsNoise({ ...person, noiseKind: 'precedence', fromAgent: true })).toBe(false);
    expect(holdsNoise({ ...person, noiseKind: 'precedence', fromOurOwnAddress: true })).toBe(false);
  });

  it('refuses taking in what must never be a ticket, and a list mail held before lists stopped being held', () => {
    expect(takeInRefusal({ ...person, noiseKind: 'precedence' })).toBeNull();
    expect(takeInRefusal({ ...person, fromAgent: true })).toBe('agent_address');
    expect(takeInRefusal({ ...person, noiseKind: 'list' })).toBe('list');
    expect(takeInRefusal({ ...person, bounce: true, noiseKind: 'list' })).toBe('bounce');
  });
});
