import { TransitionNotAllowed } from '../domain-errors.js';
import { aResolvedTicket, aTicket, anOwnedTicket, at, DAY_MS, errorFrom, LI, SAM, SLA, SUPERVISOR, WINDOWS } from '../testing/ticket.builder.js';
import type { Ticket } from '../ticket.js';
import { applyMacro } from './apply-macro.js';
import type { MacroActions } from './macro.js';

const NOW = at(DAY_MS + 3_600_000);
const context = { now: NOW, sla: SLA, windows: WINDOWS, ownerName: LI.name, eventsAfterExpected: [] };
const MACRO: MacroActions = {
  reply: { 'zh-CN': '您好', en: 'Hello' },
  status: 'pending_customer',
  addTags: ['waiting'],
  removeTags: ['new-lead'],
  priority: 'high',
};
const apply = (ticket: Ticket, agent = LI, macro: MacroActions = MACRO, replyBody: string | null = 'Hello Zhang') =>
  applyMacro(ticket, agent, macro, { messageId: 'message-1', replyBody }, context);

describe('applyMacro by the owner', () => {
  it('replies publicly, changes status, tags and priority in one decision', () => {
    const { decision, outcome } = apply(anOwnedTicket({ tags: ['new-lead'] }));

    expect(decision?.events.map((e) => [e.type, e.visibility])).toEqual([
      ['agent_replied', 'public'],
      ['status_changed', 'public'],
      ['priority_changed', 'internal'],
      ['tags_changed', 'internal'],
    ]);
    expect(decision?.message).toMatchObject({ id: 'message-1', visibility: 'public', body: 'Hello Zhang' });
    expect(decision?.patch).toMatchObject({ status: 'pending_customer', priority: 'high', tags: ['waiting'], nextUpdateDueAt: null });
    expect(outcome).toEqual({ reply: 'public', status: 'pending_customer', priority: 'high', tagsAdded: ['waiting'], tagsRemoved: ['new-lead'], skipped: [] });
  });

  it('follows the status rules: a refused status refuses the whole macro', () => {
    const closed = anOwnedTicket({ status: 'closed' });
    expect(errorFrom(() => apply(closed, LI, { ...MACRO, reply: { 'zh-CN': null, en: null } }, null))).toBeInstanceOf(TransitionNotAllowed);
  });

  it('reopens a resolved ticket before it replies (a resolved ticket takes no public reply)', () => {
    const { decision } = apply(aResolvedTicket({ resolvedAt: at(DAY_MS) }), LI, { ...MACRO, status: 'open', priority: null, addTags: [], removeTags: [] });
    expect(decision?.events.map((e) => e.type)).toEqual(['reopened', 'agent_replied']);
  });

  it('skips a status the ticket already has and a priority it already has', () => {
    const { decision, outcome } = apply(anOwnedTicket({ status: 'pending_customer', priority: 'high', tags: ['waiting'] }));
    expect(decision?.events.map((e) => e.type)).toEqual(['agent_replied']);
    expect(outcome).toMatchObject({ status: null, priority: null, tagsAdded: [] });
  });

  it('decides nothing when nothing would change', () => {
    const { decision } = apply(anOwnedTicket({ tags: ['waiting'], priority: 'high', status: 'pending_customer' }), LI, MACRO, null);
    expect(decision).toBeNull();
  });
});

describe('applyMacro by anyone else: the limited version', () => {
  it('adds the reply as an internal note and changes only the tags; status and priority are skipped and said so', () => {
    const { decision, outcome } = apply(anOwnedTicket({ tags: ['new-lead'] }), SAM);

    expect(decision?.events.map((e) => [e.type, e.visibility])).toEqual([['internal_note_added', 'internal'], ['tags_changed', 'internal']]);
    expect(decision?.patch).toEqual({ tags: ['waiting'] });
    expect(outcome).toEqual({ reply: 'internal', status: null, priority: null, tagsAdded: ['waiting'], tagsRemoved: ['new-lead'], skipped: ['status', 'priority'] });
  });

  it('does not claim an unowned ticket or reply publicly on it', () => {
    const { decision } = apply(aTicket(), LI);
    expect(decision?.patch.ownerId).toBeUndefined();
    expect(decision?.events.every((e) => e.visibility === 'internal')).toBe(true);
  });

  it('is the same for a supervisor who does not own the ticket', () => {
    expect(apply(anOwnedTicket(), SUPERVISOR).outcome.skipped).toEqual(['status', 'priority']);
  });

});
