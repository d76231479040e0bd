import { findRepeatContactOrigin, type EarlierTicket } from './repeat-contact.js';
import { at, DAY_MS, WINDOWS } from './testing/ticket.builder.js';

const NOW = at(30 * DAY_MS);

function earlier(id: string, overrides: Partial<EarlierTicket> = {}): EarlierTicket {
  return { id, code: `FH-${id.toUpperCase().padEnd(5, '0').slice(0, 5)}`, status: 'open', ownerId: 'agent-li', teamId: 'team-billing', createdAt: at(-20 * DAY_MS, NOW), resolvedAt: null, ...overrides };
}

describe('findRepeatContactOrigin', () => {
  it('finds nothing for a first-time customer', () => {
    expect(findRepeatContactOrigin([], NOW, WINDOWS)).toBeNull();
  });

  it.each(['new', 'open', 'pending_customer'] as const)('links to an unresolved (%s) earlier ticket, however old', (status) => {
    const origin = earlier('a', { status, createdAt: at(-90 * DAY_MS, NOW) });

    expect(findRepeatContactOrigin([origin], NOW, WINDOWS)).toBe(origin);
  });

  it('links to a ticket resolved within the repeat-contact window', () => {
    const origin = earlier('a', { status: 'resolved', resolvedAt: at(-3 * DAY_MS, NOW) });

    expect(findRepeatContactOrigin([origin], NOW, WINDOWS)).toBe(origin);
  });

  it('links to a ticket resolved exactly at the start of the window', () => {
    const origin = earlier('a', { status: 'resolved', resolvedAt: at(-WINDOWS.repeatContactDays * DAY_MS, NOW) });

    expect(findRepeatContactOrigin([origin], NOW, WINDOWS)).toBe(origin);
  });

  it('ignores a ticket resolved before the window', () => {
    const old = earlier('a', { status: 'resolved', resolvedAt: at(-WINDOWS.repeatContactDays * DAY_MS - 1, NOW) });

    expect(findRepeatContactOrigin([old], NOW, WINDOWS)).toBeNull();
  });

  it('ignores a ticket closed long ago', () => {
    const closed = earlier('a', { status: 'closed', resolvedAt: at(-20 * DAY_MS, NOW) });

    expect(findRepeatContactOrigin([closed], NOW, WINDOWS)).toBeNull();
  });

  it('ignores a closed ticket without a resolution time', () => {
    expect(findRepeatContactOrigin([earlier('a', { status: 'closed', resolvedAt: null })], NOW, WINDOWS)).toBeNull();
  });

  it('follows a configured repeat-contact window', () => {
    const origin = earlier('a', { status: 'resolved', resolvedAt: at(-10 * DAY_MS, NOW) });

    expect(findRepeatContactOrigin([origin], NOW, { reopenDays: 7, repeatContactDays: 14 })).toBe(origin);
    expect(findRepeatContactOrigin([origin], NOW, { reopenDays: 7, repeatContactDays: 7 })).toBeNull();
  });

  it('chooses the most recent of several candidates, in whatever order they come', () => {
    const older = earlier('old', { status: 'open', createdAt: at(-15 * DAY_MS, NOW) });
    const newest = earlier('new', { status: 'resolved', createdAt: at(-4 * DAY_MS, NOW), resolvedAt: at(-2 * DAY_MS, NOW) });
    const middle = earlier('mid', { status: 'pending_customer', createdAt: at(-8 * DAY_MS, NOW) });

    expect(findRepeatContactOrigin([older, newest, middle], NOW, WINDOWS)).toBe(newest);
    expect(findRepeatContactOrigin([middle, older, newest], NOW, WINDOWS)).toBe(newest);
  });

  it('skips a more recent ticket that no longer qualifies', () => {
    const qualifying = earlier('keep', { status: 'open', createdAt: at(-40 * DAY_MS, NOW) });
    const settled = earlier('settled', { status: 'closed', createdAt: at(-25 * DAY_MS, NOW), resolvedAt: at(-20 * DAY_MS, NOW) });

    expect(findRepeatContactOrigin([settled, qualifying], NOW, WINDOWS)).toBe(qualifying);
  });

  it('does not reorder the caller’s list', () => {
    const a = earlier('a', { createdAt: at(-10 * DAY_MS, NOW) });
    const b = earlier('b', { createdAt: at(-5 * DAY_MS, NOW) });
    const list = [a, b];

    findRepeatContactOrigin(list, NOW, WINDOWS);

    expect(list.map((t) => t.id)).toEqual(['a', 'b']);
  });
});
