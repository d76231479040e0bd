import { bringsOwnWayBack, consolePageOf } from './console-page.js';

describe('what the console opens in its main column', () => {
  it('names the page a path opens, and nothing for the lists alone', () => {
    expect(consolePageOf('/agent/tickets/8ed2d57b-1111-4222-8333-444455556666')).toBe('ticket');
    expect(consolePageOf('/agent/tickets/not-a-ticket')).toBe('missing-ticket');
    expect(consolePageOf('/agent/customers/8ed2d57b-1111-4222-8333-444455556666')).toBe('customer');
    expect(consolePageOf('/agent/canned-replies')).toBe('canned-replies');
    expect(consolePageOf('/agent/macros/')).toBe('macros');
    expect(consolePageOf('/agent')).toBeNull();
    expect(consolePageOf('/agent/')).toBeNull();
  });

  it('gives a way back to the pages that have none of their own', () => {
    expect((['ticket', 'missing-ticket', 'canned-replies'] as const).filter(bringsOwnWayBack)).toEqual([]);
    expect(bringsOwnWayBack('customer') && bringsOwnWayBack('macros')).toBe(true);
  });
});
