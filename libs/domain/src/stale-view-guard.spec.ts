import { ExpectedSeqAhead, StaleTicketView } from './domain-errors.js';
import { guardAgainstStaleView } from './stale-view-guard.js';
import { aStoredEvent, CUSTOMER, errorFrom, LI, SAM } from './testing/ticket.builder.js';

const CUSTOMER_ACTOR = { type: 'customer' as const, id: CUSTOMER.id, name: CUSTOMER.name };
const SAM_ACTOR = { type: 'agent' as const, id: SAM.id, name: SAM.name };
const LI_ACTOR = { type: 'agent' as const, id: LI.id, name: LI.name };

describe('guardAgainstStaleView', () => {
  it('lets an action without expectedSeq through, whatever happened since', () => {
    expect(() => guardAgainstStaleView(undefined, 7, [aStoredEvent(7, CUSTOMER_ACTOR)])).not.toThrow();
  });

  it('lets an action through when the agent saw the latest event', () => {
    expect(() => guardAgainstStaleView(7, 7, [])).not.toThrow();
  });

  it('lets an action through when only agents wrote since (internal notes do not block)', () => {
    const newer = [aStoredEvent(6, SAM_ACTOR), aStoredEvent(7, LI_ACTOR)];

    expect(() => guardAgainstStaleView(5, 7, newer)).not.toThrow();
  });

  it('lets an action through when only the system acted since', () => {
    const systemEvent = aStoredEvent(6, { type: 'system' }, { type: 'status_changed', visibility: 'public', payload: { from: 'resolved', to: 'closed' } });

    expect(() => guardAgainstStaleView(5, 6, [systemEvent])).not.toThrow();
  });

  it('refuses with StaleTicketView when the customer wrote since, returning the newer events', () => {
    const newer = [aStoredEvent(6, SAM_ACTOR), aStoredEvent(7, CUSTOMER_ACTOR)];
    const error = errorFrom(() => guardAgainstStaleView(5, 7, newer));

    expect(error).toBeInstanceOf(StaleTicketView);
    expect(error).toMatchObject({ code: 'stale-ticket-view', expectedSeq: 5, newerEvents: newer });
    expect((error as StaleTicketView).extensions()).toEqual({ expectedSeq: 5, newEvents: newer });
  });

  it('refuses when the customer reopened the ticket since', () => {
    const reopened = aStoredEvent(6, CUSTOMER_ACTOR, { type: 'reopened', visibility: 'public', payload: { from: 'resolved', reopenCount: 1 } });
    const error = errorFrom(() => guardAgainstStaleView(5, 6, [reopened]));

    expect(error).toBeInstanceOf(StaleTicketView);
    expect(error).toMatchObject({ newerEvents: [reopened] });
  });

  it('refuses an expectedSeq ahead of the ticket with ExpectedSeqAhead', () => {
    const error = errorFrom(() => guardAgainstStaleView(8, 7, []));

    expect(error).toBeInstanceOf(ExpectedSeqAhead);
    expect(error).toMatchObject({ code: 'expected-seq-ahead', expectedSeq: 8, lastSeq: 7 });
    expect((error as ExpectedSeqAhead).extensions()).toEqual({ expectedSeq: 8, lastSeq: 7 });
  });

  it('treats expectedSeq 0 as "saw nothing": a customer event since refuses', () => {
    const created = aStoredEvent(1, CUSTOMER_ACTOR, { type: 'created', visibility: 'public', payload: { code: 'FH-7K3QX', subject: 's', channel: 'web', kind: 'problem', priority: 'normal', tier: 'standard', repeatOfTicketId: null } });
    const error = errorFrom(() => guardAgainstStaleView(0, 1, [created]));

    expect(error).toBeInstanceOf(StaleTicketView);
  });
});
