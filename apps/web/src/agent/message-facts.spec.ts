import type { InboundMailItem, TicketEventView } from '@firsthand/http-contracts';
import { emailMessageCount, messageFacts } from './message-facts.js';

const actor = { type: 'customer', id: null, name: 'Zhang Wei' };
const event = (type: string, payload: Record<string, unknown>, seq = 1) =>
  ({ id: `t:${seq}`, ticketId: 't', seq, type, visibility: 'public', actor, payload, createdAt: '2026-12-01T10:00:00.000Z' }) as unknown as TicketEventView;
const mail = (over: Partial<InboundMailItem>): InboundMailItem => ({
  id: 'm1', mailbox: 'smtp', ourAddress: { address: 'support@help.example', name: null }, messageId: '<a@x>', from: 'zhang@example.com', subject: 'Printer', sizeBytes: 100, outcome: 'opened', reason: null, reasonKind: null, refusedFiles: [],
  ticketId: 't', messageRef: null, verified: true, auth: {}, hasOriginal: true, receivedAt: '2026-12-01T10:00:00.000Z', heldFor: null, canTakeIn: false, takeIn: null, ...over,
});
const png = { id: 'a1', filename: 'jam.png', contentType: 'image/png', sizeBytes: 70, inline: true };

describe('messageFacts', () => {
  it('ties an opening email to the mail that opened it, with its files', () => {
    const opened = mail({});
    const facts = messageFacts(event('created', { channel: 'email', attachments: [png] }), 'zhang@example.com', [mail({ id: 'm2', outcome: 'continued', messageRef: 'msg-9' }), opened]);
    expect(facts).toEqual({ attachments: [png], cameBy: 'email', otherSender: null, copiedPerson: false, unverified: false, mail: opened, filesNotAttached: [], takenInBy: null });
  });

  it('names the supervisor who took in a held mail, on its opening or its reply, and nobody on other messages', () => {
    const takenInBy = { id: 'a9', name: 'Wang Fang' };
    expect(messageFacts(event('created', { channel: 'email', takenInBy }), null, []).takenInBy).toBe('Wang Fang');
    expect(messageFacts(event('customer_replied', { messageId: 'msg-2', body: 'Hi', channel: 'email', takenInBy }), null, []).takenInBy).toBe('Wang Fang');
    expect(messageFacts(event('customer_replied', { messageId: 'msg-3', body: 'Hi', channel: 'email' }), null, []).takenInBy).toBeNull();
    expect(messageFacts(event('agent_replied', { messageId: 'msg-4', body: 'Hello' }), null, []).takenInBy).toBeNull();
  });

  it("says which of a mail's files were not attached, from the event: what the customer was told, whatever the mail's record says", () => {
    const lost = [{ filename: 'tool.exe', why: 'type' as const }, { filename: '', why: 'count' as const, unnamed: 920 }];
    expect(messageFacts(event('created', { channel: 'email', filesNotAttached: lost }), null, [mail({ reason: 'files refused: tool.exe (programs)' })]).filesNotAttached).toEqual(lost);
    expect(messageFacts(event('customer_replied', { messageId: 'msg-2', body: 'Hi', channel: 'email', filesNotAttached: lost.slice(0, 1) }), null, []).filesNotAttached).toEqual(lost.slice(0, 1));
    // A mail whose record reads like a refusal but whose event lists no file shows none.
    expect(messageFacts(event('created', { channel: 'email' }), null, [mail({ reason: 'files refused: none, really', refusedFiles: [{ filename: 'x.exe', reason: 'x' }] })]).filesNotAttached).toEqual([]);
  });

  it('says how each customer message came: the ticket\'s channel for the opening one, email or the tracking page after', () => {
    const came = (type: string, payload: Record<string, unknown>) => messageFacts(event(type, payload), null, []).cameBy;
    expect(came('created', { channel: 'web' })).toBe('web_form');
    // An agent entering a ticket gets "web" by default: that is not the customer's form.
    const entered = { ...event('created', { channel: 'web' }), actor: { type: 'agent', id: 'a1', name: 'Li Wei' } } as TicketEventView;
    expect(messageFacts(entered, null, []).cameBy).toBeNull();
    expect(messageFacts({ ...entered, payload: { ...entered.payload, channel: 'phone' } } as TicketEventView, null, []).cameBy).toBe('phone');
    expect(came('created', { channel: 'phone' })).toBe('phone');
    expect(came('created', { channel: 'in_store' })).toBe('in_store');
    expect(came('created', { channel: 'email' })).toBe('email');
    expect(came('created', { channel: 'carrier-pigeon' })).toBeNull();
    expect(came('customer_replied', { messageId: 'm', body: 'Hi' })).toBe('tracking_page');
    expect(came('customer_replied', { messageId: 'm', body: 'Hi', channel: 'email' })).toBe('email');
    expect(came('customer_replied', { messageId: 'm', body: 'Hi', channel: 'chat' })).toBe('chat');
    expect(came('customer_replied', { messageId: 'm', body: 'Hi', channel: 'carrier-pigeon' })).toBeNull();
    expect(came('agent_replied', { messageId: 'm', body: 'Hello' })).toBeNull();
    expect(came('internal_note_added', { messageId: 'm', body: 'note' })).toBeNull();
  });

  it('names another sender and keeps the unverified flag of a reply by email', () => {
    const kept = mail({ id: 'm3', outcome: 'continued', messageRef: 'msg-1', verified: false });
    const facts = messageFacts(event('customer_replied', { messageId: 'msg-1', body: 'Close it', channel: 'email', from: 'Stranger@Example.com', unverified: true }), 'zhang@example.com', [kept]);
    expect(facts).toMatchObject({ cameBy: 'email', otherSender: 'Stranger@Example.com', copiedPerson: false, unverified: true, mail: kept });
  });

  it("names a copied person's reply as theirs, the customer's side", () => {
    const facts = messageFacts(event('customer_replied', { messageId: 'msg-1', body: 'Shipping too', channel: 'email', from: 'boss@example.com', copiedPerson: true }), 'zhang@example.com', []);
    expect(facts).toMatchObject({ otherSender: 'boss@example.com', copiedPerson: true, unverified: false });
  });

  it('does not name the customer as another sender, whatever the case', () => {
    const facts = messageFacts(event('customer_replied', { messageId: 'msg-1', body: 'Hi', channel: 'email', from: 'ZHANG@example.com' }), 'zhang@example.com', []);
    expect(facts).toMatchObject({ cameBy: 'email', otherSender: null, unverified: false, mail: null });
  });

  it('offers no original when the bytes were not kept, and none for web messages', () => {
    expect(messageFacts(event('created', { channel: 'email' }), null, [mail({ hasOriginal: false })]).mail).toBeNull();
    expect(messageFacts(event('customer_replied', { messageId: 'msg-1', body: 'Hi' }), null, [mail({ messageRef: 'msg-1' })])).toMatchObject({ cameBy: 'tracking_page', mail: null });
  });

  it('lists the files of replies and notes, and nothing for other events', () => {
    expect(messageFacts(event('internal_note_added', { messageId: 'n', body: 'see', attachments: [png] }), null, []).attachments).toEqual([png]);
    expect(messageFacts(event('claimed', { ownerId: 'a', ownerName: 'Li' }), null, []).attachments).toEqual([]);
  });
});

describe('emailMessageCount', () => {
  it('counts the opening mail and replies by email only', () => {
    const events = [event('created', { channel: 'email' }, 1), event('customer_replied', { channel: 'email' }, 2), event('customer_replied', {}, 3), event('agent_replied', {}, 4)];
    expect(emailMessageCount(events)).toBe(2);
  });
});
