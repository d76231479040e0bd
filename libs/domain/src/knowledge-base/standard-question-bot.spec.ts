import { claimTicket } from '../claim-ticket.js';
import { receiveCustomerReply, reopenByCustomer } from '../customer-acts.js';
import { reassignTicket } from '../handoff.js';
import { closeForErasure } from '../people/customer-erasure.js';
import { closeAsSpam } from '../tags/close-as-spam.js';
import { aTicket, at, LI, SLA, SUPERVISOR, T0, WINDOWS } from '../testing/ticket.builder.js';
import { SYSTEM } from '../ticket.js';
import { answerByBot, BotHoldOver, botAnswerDecision, botHoldEndsAt, handToPerson, resolveByBot, type BotCandidate, type BotSettings, type BotTicketFacts } from './standard-question-bot.js';

const ON: BotSettings = { enabled: true, minConfidence: 0.7, holdMinutes: 10 };
const QUESTION: BotTicketFacts = { kind: 'question', tier: 'standard', channel: 'web', openedByAgent: false };
const MATCH: BotCandidate = { articleId: 'a1', status: 'published', audience: 'public', botMayAnswer: true, confidence: 0.8 };
const CUSTOMER = { id: 'c1', name: 'Zhang San' };
const held = (overrides = {}) => aTicket({ botOutcome: 'held', botHoldUntil: at(10 * 60_000), ...overrides });

describe('botAnswerDecision', () => {
  it('answers a standard question with a published public article of an allowed category at or above the minimum', () => {
    expect(botAnswerDecision(ON, QUESTION, MATCH)).toEqual({ answer: true });
    expect(botAnswerDecision(ON, { ...QUESTION, channel: 'email' }, { ...MATCH, confidence: 0.7 })).toEqual({ answer: true });
  });

  it.each([
    ['off', { ...ON, enabled: false }, QUESTION, MATCH],
    ['agent', ON, { ...QUESTION, openedByAgent: true }, MATCH],
    ['complaint', ON, { ...QUESTION, kind: 'complaint' }, MATCH],
    ['vip', ON, { ...QUESTION, tier: 'vip' }, MATCH],
    ['channel', ON, { ...QUESTION, channel: 'phone' }, MATCH],
    ['no-match', ON, QUESTION, null],
    ['not-public', ON, QUESTION, { ...MATCH, audience: 'internal' }],
    ['not-public', ON, QUESTION, { ...MATCH, status: 'draft' }],
    ['category', ON, QUESTION, { ...MATCH, botMayAnswer: false }],
    ['low-confidence', ON, QUESTION, { ...MATCH, confidence: 0.69 }],
  ] as const)('does not answer: %s', (reason, settings, ticket, best) => {
    expect(botAnswerDecision(settings, ticket as BotTicketFacts, best as BotCandidate | null)).toEqual({ answer: false, reason });
  });
});

describe('the hold and its endings', () => {
  it('holds from creation for the configured minutes, without touching the SLA due times', () => {
    const until = botHoldEndsAt(T0, ON);
    expect(until).toEqual(at(10 * 60_000));
    const decision = answerByBot({ articleId: 'a1', articleVersion: 2, title: 'Refunds', locale: 'en', confidence: 0.8 }, until);
    expect(decision.patch).toEqual({ botHoldUntil: until, botOutcome: 'held' });
    expect(decision.events).toEqual([expect.objectContaining({ type: 'bot_answered', visibility: 'public', payload: expect.objectContaining({ automatic: true, articleVersion: 2 }) })]);
  });

  it('"this solved it" resolves with no owner, as bot-resolved; refused once the bot no longer holds it', () => {
    const decision = resolveByBot(held(), CUSTOMER, at(60_000));
    expect(decision.patch).toMatchObject({ status: 'resolved', resolution: 'bot', botOutcome: 'resolved' });
    expect(decision.patch.ownerId).toBeUndefined();
    expect(decision.events.map((e) => e.type)).toEqual(['bot_resolved', 'status_changed']);
    expect(() => resolveByBot(held({ ownerId: LI.id, status: 'open' }), CUSTOMER, at(60_000))).toThrow(BotHoldOver);
    expect(() => resolveByBot(aTicket(), CUSTOMER, at(60_000))).toThrow(BotHoldOver);
  });

  it('a hand-over ends the hold now (or keeps an earlier end) with its reason; "asked" on a ticket not held is refused', () => {
    expect(handToPerson(held(), 'asked', SYSTEM, at(60_000))?.patch).toEqual({ botOutcome: 'asked', botHoldUntil: at(60_000) });
    expect(handToPerson(held(), 'timer', SYSTEM, at(11 * 60_000))?.patch).toEqual({ botOutcome: 'timer', botHoldUntil: at(10 * 60_000) });
    expect(() => handToPerson(held({ botOutcome: 'asked' }), 'asked', SYSTEM, at(60_000))).toThrow(BotHoldOver);
    expect(handToPerson(held({ botOutcome: 'resolved', status: 'resolved' }), 'timer', SYSTEM, at(60_000))).toBeNull();
  });

  it('a claim and a customer reply during the hold hand the ticket over; ownership is the claim\'s as always', () => {
    const claim = claimTicket(held(), LI, at(60_000), SLA);
    expect(claim.patch).toMatchObject({ ownerId: LI.id, firstResponderId: LI.id, status: 'open', botOutcome: 'claimed', botHoldUntil: at(60_000) });
    expect(claim.events.map((e) => e.type)).toEqual(['claimed', 'bot_handed_over']);
    expect(claimTicket(aTicket(), LI, at(60_000), SLA).patch.botOutcome).toBeUndefined();
    const reply = receiveCustomerReply(held(), CUSTOMER, 'm1', 'Not my case', at(60_000), SLA, WINDOWS);
    expect(reply.patch).toMatchObject({ botOutcome: 'replied' });
    expect(reply.events.map((e) => e.type)).toEqual(['customer_replied', 'bot_handed_over']);
  });

  it('a supervisor assigning a held ticket hands it over as a claim would; closing it with nobody on it ends the hold as closed', () => {
    const assigned = reassignTicket(held(), SUPERVISOR, { id: LI.id, name: LI.name, active: true, role: LI.role }, 'VIP sender', at(60_000));
    expect(assigned.patch).toMatchObject({ ownerId: LI.id, status: 'open', botOutcome: 'claimed', botHoldUntil: at(60_000) });
    expect(assigned.events.map((e) => e.type)).toEqual(['bot_handed_over', 'reassigned']);
    expect(reassignTicket(aTicket(), SUPERVISOR, { id: LI.id, name: LI.name, active: true, role: LI.role }, 'r', at(60_000)).patch.botOutcome).toBeUndefined();
    const spam = closeAsSpam(held(), SUPERVISOR, at(60_000));
    expect(spam.patch).toMatchObject({ status: 'closed', botOutcome: 'closed', botHoldUntil: at(60_000) });
    // Quietly: the customer is told nothing of a spam close, the hold's end included.
    expect(spam.events.every((e) => e.visibility === 'internal')).toBe(true);
    expect(closeForErasure(held(), at(11 * 60_000))?.patch).toMatchObject({ status: 'closed', botOutcome: 'closed', botHoldUntil: at(10 * 60_000) });
    expect(closeAsSpam(aTicket(), SUPERVISOR, at(60_000)).patch.botOutcome).toBeUndefined();
  });

  it('reopening a bot-resolved ticket puts it back in the queue as new (nobody owned it)', () => {
    const resolved = aTicket({ status: 'resolved', resolvedAt: at(60_000), botOutcome: 'resolved' });
    expect(reopenByCustomer(resolved, CUSTOMER, at(120_000), SLA, WINDOWS).patch.status).toBe('new');
  });
});
