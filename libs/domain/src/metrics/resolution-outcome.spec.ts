import type { ResolutionWindows } from '../resolution-windows.js';
import { classifyResolution, type ResolutionContext, type ResolutionHistoryEvent } from './resolution-outcome.js';
import { ADA, DAY_MS, HOUR_MS, LI, MINUTE_MS, SAM, T0, timeline, WEI } from './testing/timeline.builder.js';

const WINDOWS: ResolutionWindows = { reopenDays: 7, repeatContactDays: 7 };
const LONG_AFTER = new Date(T0.getTime() + 60 * DAY_MS);

function classify(history: ResolutionHistoryEvent[], context: Partial<ResolutionContext> = {}) {
  return classifyResolution(history, { now: LONG_AFTER, windows: WINDOWS, ...context });
}

function settled(history: ResolutionHistoryEvent[], context: Partial<ResolutionContext> = {}) {
  const outcome = classify(history, context);
  if (!outcome) throw new Error('expected a resolution');
  return outcome;
}

/** Li answers ten minutes after the customer writes, and resolves two hours later. */
function oneReplyByLi() {
  return timeline().after(10 * MINUTE_MS).answeredFirstBy(LI).after(2 * HOUR_MS).resolvedBy(LI);
}

describe('classifyResolution', () => {
  describe('a ticket that is not resolved', () => {
    it('has no outcome when it was never resolved', () => {
      expect(classify(timeline().after(MINUTE_MS).answeredFirstBy(LI).customerReplied().build())).toBeNull();
    });

    it('has no outcome for an empty timeline', () => {
      expect(classify([])).toBeNull();
    });
  });

  describe("the bot's resolution", () => {
    it("does not charge the bot's taken-back resolution to the person who then solves it", () => {
      const byLi = oneReplyByLi().build();
      const [created, ...rest] = byLi;
      const chen = { type: 'customer' as const, id: 'customer-1', name: 'Chen' };
      // "This solved it" at once, taken back a day later; then Li's claim, reply and resolution, as before.
      const later = (e: ResolutionHistoryEvent, i: number) => ({ ...e, seq: e.seq + 2, createdAt: new Date(e.createdAt.getTime() + DAY_MS), ticketId: created.ticketId, i });
      const history = [
        created,
        { ...created, seq: created.seq + 1, type: 'status_changed', actor: chen, payload: { from: 'new', to: 'resolved', resolution: 'bot' } },
        { ...created, seq: created.seq + 2, type: 'reopened', actor: chen, createdAt: new Date(created.createdAt.getTime() + DAY_MS), payload: { from: 'resolved', reopenCount: 1 } },
        ...rest.map(later).map(({ i: _, ...e }) => e),
      ] as ResolutionHistoryEvent[];
      expect(settled(history)).toMatchObject({ resolvedBy: LI.id, firstContactResolution: true, firstResponderResolution: true, reopenCount: 0, reasons: [] });
      // Her times count from the taking back, as for a new contact: ten minutes to answer, not a day and ten minutes.
      expect(settled(history)).toMatchObject({ firstResponseMs: 10 * MINUTE_MS, resolutionMs: 10 * MINUTE_MS + 2 * HOUR_MS });
    });

    it("leaves out only the customer's 'this solved it', never an agent's resolution that reads 'bot'", () => {
      const byLi = oneReplyByLi().build();
      const last = byLi[byLi.length - 1];
      const saidBot = [...byLi.slice(0, -1), { ...last, payload: { ...(last.payload as object), resolution: 'bot' } }] as ResolutionHistoryEvent[];
      expect(settled(saidBot)).toMatchObject({ resolvedBy: LI.id, firstContactResolution: true });
      const byCustomer = [...byLi.slice(0, -1), { ...last, actor: { type: 'customer', id: 'customer-1', name: 'Chen' }, payload: { ...(last.payload as object), resolution: 'bot' } }] as ResolutionHistoryEvent[];
      expect(classify(byCustomer)).toBeNull();
    });
  });

  describe('first-contact resolution', () => {
    it('counts a ticket resolved by its first responder in one reply as both first-responder and first-contact', () => {
      const outcome = settled(oneReplyByLi().build());

      expect(outcome).toMatchObject({
        ticketId: 'ticket-1',
        resolvedBy: LI.id,
        firstResponderId: LI.id,
        firstResponderResolution: true,
        firstContactResolution: true,
        provisional: false,
        reasons: [],
        publicAgentReplies: 1,
        reopenCount: 0,
        handoffs: 0,
        escalationMaxLevel: 0,
        firstResponseMs: 10 * MINUTE_MS,
        resolutionMs: 10 * MINUTE_MS + 2 * HOUR_MS,
      });
      expect(outcome.createdAt).toEqual(T0);
      expect(outcome.firstResponseAt).toEqual(new Date(T0.getTime() + 10 * MINUTE_MS));
      expect(outcome.resolvedAt).toEqual(new Date(T0.getTime() + 10 * MINUTE_MS + 2 * HOUR_MS));
    });

    it('counts a claim followed by a resolution without any reply as first-contact', () => {
      const outcome = settled(timeline().after(5 * MINUTE_MS).claimedBy(LI).after(HOUR_MS).resolvedBy(LI).build());

      expect(outcome.publicAgentReplies).toBe(0);
      expect(outcome.firstContactResolution).toBe(true);
    });

    it('takes the first response time from the claim, not from the later reply', () => {
      const outcome = settled(timeline().after(5 * MINUTE_MS).claimedBy(LI).after(HOUR_MS).repliedBy(LI).resolvedBy(LI).build());

      expect(outcome.firstResponseMs).toBe(5 * MINUTE_MS);
      expect(outcome.publicAgentReplies).toBe(1);
    });

    it('does not count a claim via reply as a second public reply', () => {
      const history = oneReplyByLi().build();

      expect(history.map((e) => e.type)).toEqual(['created', 'claimed', 'agent_replied', 'status_changed']);
      expect(settled(history).publicAgentReplies).toBe(1);
    });

    it('lets the customer add details before the reply', () => {
      const outcome = settled(timeline().after(MINUTE_MS).claimedBy(LI).customerReplied().repliedBy(LI).resolvedBy(LI).build());

      expect(outcome.firstContactResolution).toBe(true);
    });

    it('ignores internal notes, even from other agents', () => {
      const history = timeline().after(MINUTE_MS).answeredFirstBy(LI).notedBy(SAM).notedBy(LI).notedBy(WEI).resolvedBy(LI).build();

      expect(settled(history).firstContactResolution).toBe(true);
    });

    it('ignores a handoff that was proposed and declined', () => {
      const history = timeline().after(MINUTE_MS).answeredFirstBy(LI).handoffProposed(LI, SAM).handoffDeclined(LI, SAM).resolvedBy(LI).build();

      expect(settled(history)).toMatchObject({ firstContactResolution: true, handoffs: 0 });
    });

    it('ignores the customer’s rating', () => {
      expect(settled(oneReplyByLi().rated(1).build()).firstContactResolution).toBe(true);
    });
  });

  describe('first-responder resolution that is not first-contact', () => {
    it('needs more than one public reply to fail first-contact', () => {
      const outcome = settled(timeline().after(MINUTE_MS).answeredFirstBy(LI).after(HOUR_MS).repliedBy(LI).resolvedBy(LI).build());

      expect(outcome).toMatchObject({
        firstResponderResolution: true,
        firstContactResolution: false,
        publicAgentReplies: 2,
        reasons: ['more_than_one_public_reply'],
      });
    });

    it('fails first-contact when the customer follows up after the only reply', () => {
      const history = timeline().after(MINUTE_MS).answeredFirstBy(LI).waitingOnCustomer(LI).after(HOUR_MS).customerReplied().resolvedBy(LI).build();

      expect(settled(history)).toMatchObject({
        firstResponderResolution: true,
        firstContactResolution: false,
        publicAgentReplies: 1,
        reasons: ['customer_follow_up_after_reply'],
      });
    });

    it('fails first-contact when escalated past warning on request', () => {
      const outcome = settled(timeline().after(MINUTE_MS).answeredFirstBy(LI).escalationRequested(LI, 0, 2).resolvedBy(LI).build());

      expect(outcome).toMatchObject({
        firstResponderResolution: true,
        firstContactResolution: false,
        escalationMaxLevel: 2,
        reasons: ['escalated_past_warning'],
      });
    });

    it('fails first-contact when the SLA timer escalated at breach', () => {
      const outcome = settled(timeline().slaEscalated(1).after(MINUTE_MS).answeredFirstBy(LI).slaEscalated(2).resolvedBy(LI).build());

      expect(outcome).toMatchObject({ firstContactResolution: false, escalationMaxLevel: 2, reasons: ['escalated_past_warning'] });
    });

    it('keeps first-contact after a warning only (level 1)', () => {
      const outcome = settled(timeline().slaEscalated(1).after(MINUTE_MS).answeredFirstBy(LI).resolvedBy(LI).build());

      expect(outcome).toMatchObject({ firstContactResolution: true, escalationMaxLevel: 1, reasons: [] });
    });
  });

  describe('not a first-responder resolution', () => {
    it('fails both when the ticket was handed off', () => {
      const history = timeline().after(MINUTE_MS).answeredFirstBy(LI).handoffProposed(LI, SAM).handoffAccepted(LI, SAM).resolvedBy(SAM).build();

      expect(settled(history)).toMatchObject({
        firstResponderId: LI.id,
        resolvedBy: SAM.id,
        firstResponderResolution: false,
        firstContactResolution: false,
        handoffs: 1,
        reasons: ['resolved_by_other_than_first_responder', 'handed_off'],
      });
    });

    it('fails both when the ticket was handed off and back to its first responder', () => {
      const history = timeline()
        .after(MINUTE_MS).answeredFirstBy(LI)
        .handoffProposed(LI, SAM).handoffAccepted(LI, SAM)
        .handoffProposed(SAM, LI).handoffAccepted(SAM, LI)
        .resolvedBy(LI)
        .build();

      expect(settled(history)).toMatchObject({ firstResponderResolution: false, handoffs: 2, reasons: ['handed_off'] });
    });

    it('fails both when a supervisor reassigned it', () => {
      const history = timeline().after(MINUTE_MS).answeredFirstBy(LI).reassigned(ADA, LI, SAM).repliedBy(SAM).resolvedBy(SAM).build();

      expect(settled(history)).toMatchObject({
        firstResponderResolution: false,
        firstContactResolution: false,
        handoffs: 1,
        reasons: ['resolved_by_other_than_first_responder', 'reassigned', 'more_than_one_public_reply'],
      });
    });

    it('does not hold an assignment made before anyone answered against the assignee', () => {
      const history = timeline().after(MINUTE_MS).reassigned(ADA, null, SAM).after(MINUTE_MS).repliedBy(SAM).resolvedBy(SAM).build();

      expect(settled(history)).toMatchObject({
        firstResponderId: SAM.id,
        firstResponseMs: 2 * MINUTE_MS,
        firstContactResolution: true,
        handoffs: 0,
      });
    });

    it('fails both when the assignee resolved without ever answering, so there is no first responder', () => {
      const history = timeline().reassigned(ADA, null, SAM).resolvedBy(SAM).build();

      expect(settled(history)).toMatchObject({
        firstResponderId: null,
        firstResponseAt: null,
        firstResponseMs: null,
        firstResponderResolution: false,
        reasons: ['no_first_response'],
      });
    });

    it('fails both when the customer reopened inside the window, even if the first responder resolved it again', () => {
      const history = oneReplyByLi().after(2 * DAY_MS).reopenedByCustomer().after(HOUR_MS).resolvedBy(LI).build();
      const outcome = settled(history);

      expect(outcome).toMatchObject({
        firstResponderResolution: false,
        firstContactResolution: false,
        reopenCount: 1,
        reopenedSinceResolution: false,
        reasons: ['reopened'],
      });
      expect(outcome.resolvedAt).toEqual(history[history.length - 1].createdAt);
    });

    it('keeps counting a reopened ticket at its last resolution until it is resolved again', () => {
      const history = oneReplyByLi().after(2 * DAY_MS).reopenedByCustomer().build();
      const resolution = history.find((e) => e.type === 'status_changed' && e.payload.to === 'resolved');

      expect(settled(history)).toMatchObject({ reopenedSinceResolution: true, firstResponderResolution: false, reasons: ['reopened'] });
      expect(settled(history).resolvedAt).toEqual(resolution?.createdAt);
    });

    it('fails both when the same customer came back inside the repeat-contact window', () => {
      const outcome = settled(oneReplyByLi().after(3 * DAY_MS).repeatContact().build());

      expect(outcome).toMatchObject({ firstResponderResolution: false, repeatContacts: 1, reasons: ['repeat_contact'] });
    });

    it('counts a repeat contact on the last day of the window', () => {
      expect(settled(oneReplyByLi().after(7 * DAY_MS).repeatContact().build()).repeatContacts).toBe(1);
    });

    it('counts a repeat contact made while the ticket was still unresolved, however long ago', () => {
      const history = timeline().after(MINUTE_MS).answeredFirstBy(LI).after(20 * DAY_MS).repeatContact().after(HOUR_MS).resolvedBy(LI).build();

      expect(settled(history).reasons).toEqual(['repeat_contact']);
    });

    it('ignores a contact after the repeat-contact window', () => {
      const outcome = settled(oneReplyByLi().after(7 * DAY_MS + 1).repeatContact().build());

      expect(outcome).toMatchObject({ firstContactResolution: true, repeatContacts: 0 });
    });

    it('counts repeat contacts known from the new tickets, with the same window', () => {
      const history = oneReplyByLi().build();
      const resolvedAt = history[history.length - 1].createdAt.getTime();

      expect(settled(history, { repeatContactAt: [new Date(resolvedAt + 2 * DAY_MS)] }).reasons).toEqual(['repeat_contact']);
      expect(settled(history, { repeatContactAt: [new Date(resolvedAt + 8 * DAY_MS)] }).reasons).toEqual([]);
    });

    it('follows a configured repeat-contact window', () => {
      const history = oneReplyByLi().after(10 * DAY_MS).repeatContact().build();

      expect(settled(history, { windows: { reopenDays: 7, repeatContactDays: 14 } }).repeatContacts).toBe(1);
      expect(settled(history, { windows: { reopenDays: 7, repeatContactDays: 7 } }).repeatContacts).toBe(0);
    });

    it('lists every shortfall, first-responder ones first', () => {
      const history = timeline()
        .after(MINUTE_MS).answeredFirstBy(LI)
        .customerReplied().repliedBy(LI)
        .escalationRequested(LI, 0, 2)
        .reassigned(ADA, LI, SAM)
        .resolvedBy(SAM)
        .after(DAY_MS).reopenedByCustomer().resolvedBy(SAM)
        .after(DAY_MS).repeatContact()
        .build();

      expect(settled(history).reasons).toEqual([
        'resolved_by_other_than_first_responder',
        'reassigned',
        'reopened',
        'repeat_contact',
        'more_than_one_public_reply',
        'customer_follow_up_after_reply',
        'escalated_past_warning',
      ]);
    });
  });

  describe('provisional outcomes', () => {
    const resolvedAt = () => {
      const history = oneReplyByLi().build();
      return { history, at: history[history.length - 1].createdAt.getTime() };
    };

    it('is provisional while the reopen window is still open', () => {
      const { history, at } = resolvedAt();
      const outcome = classify(history, { now: new Date(at + 3 * DAY_MS) });

      expect(outcome).toMatchObject({ provisional: true, firstContactResolution: true });
      expect(outcome?.settlesAt).toEqual(new Date(at + 7 * DAY_MS));
    });

    it('is still provisional at the last instant of the window, and settled just after', () => {
      const { history, at } = resolvedAt();

      expect(classify(history, { now: new Date(at + 7 * DAY_MS) })?.provisional).toBe(true);
      expect(classify(history, { now: new Date(at + 7 * DAY_MS + 1) })?.provisional).toBe(false);
    });

    it('settles as first-contact once the windows pass without a reopen or repeat contact', () => {
      const { history, at } = resolvedAt();

      expect(classify(history, { now: new Date(at + 8 * DAY_MS) })).toMatchObject({ provisional: false, firstContactResolution: true, reasons: [] });
    });

    it('settles at the later of the two windows', () => {
      const { history, at } = resolvedAt();
      const windows = { reopenDays: 7, repeatContactDays: 14 };

      expect(classify(history, { windows, now: new Date(at + 10 * DAY_MS) })?.provisional).toBe(true);
      expect(classify(history, { windows })?.settlesAt).toEqual(new Date(at + 14 * DAY_MS));
      expect(classify(history, { windows: { reopenDays: 10, repeatContactDays: 0 } })?.settlesAt).toEqual(new Date(at + 10 * DAY_MS));
    });

    it('stays provisional after it has already failed, until its windows end', () => {
      const { at } = resolvedAt();
      const outcome = classify(oneReplyByLi().after(DAY_MS).repeatContact().build(), { now: new Date(at + 2 * DAY_MS) });

      expect(outcome).toMatchObject({ provisional: true, firstResponderResolution: false });
    });

    it('counts from the last resolution after a reopen', () => {
      const history = oneReplyByLi().after(2 * DAY_MS).reopenedByCustomer().after(DAY_MS).resolvedBy(LI).build();
      const lastAt = history[history.length - 1].createdAt.getTime();

      expect(classify(history, { now: new Date(lastAt + 6 * DAY_MS) })?.provisional).toBe(true);
      expect(classify(history)?.settlesAt).toEqual(new Date(lastAt + 7 * DAY_MS));
    });
  });

  describe('SLA targets', () => {
    const due = (firstResponseMinutes: number, resolutionMinutes: number) => ({
      firstResponseDueAt: new Date(T0.getTime() + firstResponseMinutes * MINUTE_MS),
      resolutionDueAt: new Date(T0.getTime() + resolutionMinutes * MINUTE_MS),
    });

    it('meets both targets when the first reply and the resolution come in time', () => {
      // First response at 10 min, resolved at 2 h 10 min.
      expect(settled(oneReplyByLi().build(), { dueTimes: due(10, 130) })).toMatchObject({ firstResponseBreached: false, resolutionBreached: false });
    });

    it('misses the first-response target by an answer after its due time, and the resolution target likewise', () => {
      expect(settled(oneReplyByLi().build(), { dueTimes: due(9, 130) })).toMatchObject({ firstResponseBreached: true, resolutionBreached: false });
      expect(settled(oneReplyByLi().build(), { dueTimes: due(10, 129) })).toMatchObject({ firstResponseBreached: false, resolutionBreached: true });
    });

    it('judges the counted resolution: one after a reopen can miss a target the first one met', () => {
      const history = oneReplyByLi().after(2 * DAY_MS).reopenedByCustomer().after(HOUR_MS).resolvedBy(LI).build();

      expect(settled(history, { dueTimes: due(30, 24 * 60) })).toMatchObject({ firstResponseBreached: false, resolutionBreached: true });
    });

    it('misses nothing, and changes no verdict, without due times', () => {
      const outcome = settled(timeline().after(3 * DAY_MS).answeredFirstBy(LI).resolvedBy(LI).build());

      expect(outcome).toMatchObject({ firstResponseBreached: false, resolutionBreached: false, firstContactResolution: true });
    });
  });

  it('does not change the history it reads', () => {
    const history = oneReplyByLi().after(DAY_MS).repeatContact().build();
    const copy = structuredClone(history);

    classify(history, { repeatContactAt: [new Date()] });

    expect(history).toEqual(copy);
  });
});
