import { RoleRequired, TransitionNotAllowed } from '../domain-errors.js';
import { ADMIN, aTicket, anOwnedTicket, aResolvedTicket, at, errorFrom, LI, SUPERVISOR } from '../testing/ticket.builder.js';
import { closeAsSpam, isSpamClose } from './close-as-spam.js';

const NOW = at(3_600_000);

describe('closeAsSpam', () => {
  it('closes with resolution "spam" and the spam tag, in internal events (the sender is told nothing)', () => {
    const decision = closeAsSpam(anOwnedTicket({ tags: ['billing'], nextUpdateDueAt: at(60_000) }), SUPERVISOR, NOW);

    expect(decision.patch).toMatchObject({ status: 'closed', closedAt: NOW, resolution: 'spam', tags: ['billing', 'spam'], nextUpdateDueAt: null });
    expect(decision.events.map((e) => [e.type, e.visibility])).toEqual([['status_changed', 'internal'], ['tags_changed', 'internal']]);
    expect(decision.events[0].payload).toEqual({ from: 'open', to: 'closed', resolution: 'spam' });
    expect(isSpamClose(decision.events[0])).toBe(true);
  });

  it('works from new and from resolved, and writes no tag event when the tag is there already', () => {
    expect(closeAsSpam(aTicket(), ADMIN, NOW).patch.status).toBe('closed');
    const decision = closeAsSpam(aResolvedTicket({ tags: ['spam'] }), SUPERVISOR, NOW);
    expect(decision.events.map((e) => e.type)).toEqual(['status_changed']);
    expect(decision.patch.tags).toBeUndefined();
  });

  it('is for supervisors and admins only', () => {
    expect(errorFrom(() => closeAsSpam(anOwnedTicket(), LI, NOW))).toBeInstanceOf(RoleRequired);
  });

  it('refuses a closed ticket', () => {
    expect(errorFrom(() => closeAsSpam(aTicket({ status: 'closed' }), SUPERVISOR, NOW))).toBeInstanceOf(TransitionNotAllowed);
  });

  it('is not an ordinary close', () => {
    expect(isSpamClose({ type: 'status_changed', payload: { from: 'resolved', to: 'closed' } })).toBe(false);
  });
});
