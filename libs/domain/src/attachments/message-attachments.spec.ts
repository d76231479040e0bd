import { postAgentMessage } from '../agent-message.js';
import { receiveCustomerReply } from '../customer-acts.js';
import { toCustomerTimelineEntry } from '../customer-timeline.js';
import { openTicket } from '../open-ticket.js';
import { anOwnedTicket, at, CUSTOMER, LI, SLA, WINDOWS } from '../testing/ticket.builder.js';
import type { TicketEvent } from '../ticket-events.js';
import type { AttachmentRef } from './attachment-ref.js';

const NOW = at(60_000);
const SCREENSHOT: AttachmentRef = { id: 'f-1', filename: 'screen.png', contentType: 'image/png', sizeBytes: 2048, inline: true };

function stored<E extends { type: string }>(event: E): TicketEvent {
  return { ...event, ticketId: 't-1', seq: 3, createdAt: NOW } as unknown as TicketEvent;
}

describe('files carried by message events', () => {
  it('a customer reply names its files in the event, and the customer timeline shows them', () => {
    const decision = receiveCustomerReply(anOwnedTicket(), CUSTOMER, 'm-1', 'See the screenshot', NOW, SLA, WINDOWS, [SCREENSHOT]);
    expect(decision.events[0]?.payload).toEqual({ messageId: 'm-1', body: 'See the screenshot', attachments: [SCREENSHOT] });
    expect(toCustomerTimelineEntry(stored(decision.events[0]!))?.data).toEqual({ body: 'See the screenshot', channel: 'web', attachments: [SCREENSHOT] });
  });

  it('a message without files keeps the old payload shape', () => {
    const decision = receiveCustomerReply(anOwnedTicket(), CUSTOMER, 'm-1', 'Hello', NOW, SLA, WINDOWS);
    expect(decision.events[0]?.payload).toEqual({ messageId: 'm-1', body: 'Hello' });
  });

  it('an internal note carries its files in an internal event the customer never sees', () => {
    const ticket = anOwnedTicket();
    const decision = postAgentMessage(ticket, LI, { messageId: 'm-2', body: 'log attached', visibility: 'internal', attachments: [SCREENSHOT] }, { now: NOW, sla: SLA, ownerName: null, eventsAfterExpected: [] });
    expect(decision.events[0]).toMatchObject({ type: 'internal_note_added', visibility: 'internal', payload: { attachments: [SCREENSHOT] } });
    expect(toCustomerTimelineEntry(stored(decision.events[0]!))).toBeNull();
  });

  it('the opening event carries the files of the new-issue form', () => {
    const opened = openTicket(
      { code: 'FH-12345', subject: 's', channel: 'web', kind: 'question', priority: 'normal', tier: 'standard', openedBy: { type: 'customer', id: CUSTOMER.id, name: CUSTOMER.name }, repeatOf: null, now: NOW, attachments: [SCREENSHOT] },
      SLA,
      't-1',
    );
    expect(opened.events[0]?.payload).toMatchObject({ attachments: [SCREENSHOT] });
    expect(toCustomerTimelineEntry(stored(opened.events[0]!))?.data).toMatchObject({ attachments: [SCREENSHOT] });
  });
});
