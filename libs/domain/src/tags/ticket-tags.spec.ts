import { aTicket, anOwnedTicket, errorFrom, LI, SAM } from '../testing/ticket.builder.js';
import { ConflictingTagChange, InvalidTag, TooManyTags } from './tag-errors.js';
import { TAG_LIMITS } from './tag-limits.js';
import { changeTicketTags, nextTags } from './ticket-tags.js';

describe('changeTicketTags', () => {
  it('adds and removes normalised tags with one internal tags_changed event', () => {
    const decision = changeTicketTags(aTicket({ tags: ['billing', 'refund'] }), SAM, { add: ['VIP', '退款'], remove: ['Refund'] });

    expect(decision).toEqual({
      patch: { tags: ['billing', 'vip', '退款'] },
      events: [{ type: 'tags_changed', visibility: 'internal', actor: { type: 'agent', id: SAM.id, name: SAM.name }, payload: { added: ['vip', '退款'], removed: ['refund'] } }],
    });
  });

  it('lets any agent who sees the ticket tag it, owner or not, in any status', () => {
    for (const status of ['new', 'open', 'pending_customer', 'resolved', 'closed'] as const) {
      expect(changeTicketTags(anOwnedTicket({ status }), SAM, { add: ['x'] })?.patch.tags).toEqual(['x']);
    }
  });

  it('decides nothing when the tags are already as asked (so the change writes nothing)', () => {
    expect(changeTicketTags(aTicket({ tags: ['vip'] }), LI, { add: ['VIP'], remove: ['gone'] })).toBeNull();
  });

  it('records only what changed', () => {
    const decision = changeTicketTags(aTicket({ tags: ['vip'] }), LI, { add: ['vip', 'new'] });
    expect(decision?.events[0].payload).toEqual({ added: ['new'], removed: [] });
  });

  it('removes a tag stored before normalising by its normalised spelling', () => {
    expect(changeTicketTags(aTicket({ tags: ['VIP Customer'] }), LI, { remove: ['vip customer'] })?.patch.tags).toEqual([]);
  });

  it('refuses a tag both added and removed', () => {
    expect(errorFrom(() => changeTicketTags(aTicket(), LI, { add: ['a'], remove: ['A'] }))).toBeInstanceOf(ConflictingTagChange);
  });

  it('refuses a bad tag', () => {
    expect(errorFrom(() => changeTicketTags(aTicket(), LI, { add: ['ok', ' , '] }))).toBeInstanceOf(InvalidTag);
  });

  it(`refuses to leave more than ${TAG_LIMITS.perTicket} tags, but still lets an over-full ticket lose some`, () => {
    const full = Array.from({ length: TAG_LIMITS.perTicket }, (_, i) => `t${i}`);
    expect(errorFrom(() => changeTicketTags(aTicket({ tags: full }), LI, { add: ['one-more'] }))).toBeInstanceOf(TooManyTags);
    expect(changeTicketTags(aTicket({ tags: full }), LI, { add: ['one-more'], remove: ['t0'] })?.patch.tags).toHaveLength(TAG_LIMITS.perTicket);
    const overFull = [...full, 'extra'];
    expect(nextTags(overFull, { remove: ['t1'] }).tags).toHaveLength(TAG_LIMITS.perTicket);
  });

  it('two changes decided one after the other on the row both land (what the row lock gives concurrent agents)', () => {
    const first = nextTags([], { add: ['vip'] });
    const second = nextTags(first.tags, { add: ['refund'] });
    expect(second.tags).toEqual(['vip', 'refund']);
  });
});
