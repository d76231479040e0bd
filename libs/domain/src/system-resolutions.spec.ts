import { toCustomerTimelineEntry } from './customer-timeline.js';
import { customerResolution } from './system-resolutions.js';
import type { TicketEvent } from './ticket-events.js';

describe('customerResolution', () => {
  it("keeps the owner's words and drops the system's markers (the tracking page said 'bot' after \"This solved it\")", () => {
    expect(customerResolution('Replaced the router.')).toBe('Replaced the router.');
    for (const marker of ['bot', 'spam', 'erased', ' bot ', '', null, undefined]) expect(customerResolution(marker)).toBeNull();
  });

  it("leaves a marker out of the customer's timeline", () => {
    const resolved = (resolution: string): TicketEvent => ({
      ticketId: 't',
      seq: 5,
      createdAt: new Date('2026-12-06T10:00:00Z'),
      type: 'status_changed',
      visibility: 'public',
      actor: { type: 'system' },
      payload: { from: 'open', to: 'resolved', resolution },
    });
    expect(toCustomerTimelineEntry(resolved('bot'))?.data).toMatchObject({ to: 'resolved', resolution: null });
    expect(toCustomerTimelineEntry(resolved('New cable sent'))?.data).toMatchObject({ resolution: 'New cable sent' });
  });
});
