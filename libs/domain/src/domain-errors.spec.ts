import {
  CustomerBeingErased,
  CustomerMergeRefused,
  DomainError,
  ExpectedSeqAhead,
  HandoffConflict,
  InvalidAssignee,
  NotTicketOwner,
  ReopenWindowClosed,
  RoleRequired,
  StaleTicketView,
  TeamNamedInSettings,
  TicketAlreadyRated,
  TicketNotFound,
  TicketOwnedByAnother,
  TransitionNotAllowed,
} from './domain-errors.js';
import { at } from './testing/ticket.builder.js';

describe('domain errors', () => {
  it.each<[string, DomainError, Record<string, unknown>]>([
    ['ticket-not-found', new TicketNotFound(), {}],
    ['ticket-owned-by-another', new TicketOwnedByAnother('agent-li', 'Li Na'), { ownerId: 'agent-li', ownerName: 'Li Na' }],
    ['not-ticket-owner', new NotTicketOwner('reply', 'agent-li', 'Li Na'), { ownerId: 'agent-li', ownerName: 'Li Na' }],
    ['not-ticket-owner', new NotTicketOwner('reply', null, null), { ownerId: null, ownerName: null }],
    ['transition-not-allowed', new TransitionNotAllowed('open', 'closed'), { currentStatus: 'open', requestedStatus: 'closed' }],
    ['stale-ticket-view', new StaleTicketView(3, []), { expectedSeq: 3, newEvents: [] }],
    ['expected-seq-ahead', new ExpectedSeqAhead(9, 4), { expectedSeq: 9, lastSeq: 4 }],
    ['handoff-conflict', new HandoffConflict('handoff-waiting', 'agent-sam'), { reason: 'handoff-waiting', pendingHandoffToId: 'agent-sam' }],
    ['handoff-conflict', new HandoffConflict('no-handoff-to-you'), { reason: 'no-handoff-to-you', pendingHandoffToId: null }],
    ['customer-merge-refused', new CustomerMergeRefused('duplicate-merged', 'customer-x'), { reason: 'duplicate-merged', mergedIntoId: 'customer-x' }],
    ['customer-merge-refused', new CustomerMergeRefused('same-phone'), { reason: 'same-phone' }],
    ['customer-being-erased', new CustomerBeingErased(), {}],
    ['role-required', new RoleRequired(['supervisor', 'admin'], 'reassign'), { requiredRoles: ['supervisor', 'admin'] }],
    ['reopen-window-closed', new ReopenWindowClosed(at(0)), { windowEndedAt: at(0).toISOString() }],
    ['reopen-window-closed', new ReopenWindowClosed(null), { windowEndedAt: null }],
    ['ticket-already-rated', new TicketAlreadyRated(), {}],
    ['invalid-assignee', new InvalidAssignee('No such agent.'), {}],
    [
      'team-named-in-settings',
      new TeamNamedInSettings('team-9', [{ setting: 'MAIL_ADDRESSES', entry: 'help@brand.example' }, { setting: 'FIRSTHAND_OIDC_PROVISION_TEAM', entry: 'Billing' }]),
      { teamId: 'team-9', namedIn: [{ setting: 'MAIL_ADDRESSES', entry: 'help@brand.example' }, { setting: 'FIRSTHAND_OIDC_PROVISION_TEAM', entry: 'Billing' }] },
    ],
  ])('%s: code and problem extensions (case %#)', (code, error, extensions) => {
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(code);
    expect(error.extensions()).toEqual(extensions);
    expect(error.message.length).toBeGreaterThan(0);
  });

  it('names the owner in the messages of ownership refusals', () => {
    expect(new TicketOwnedByAnother('agent-li', 'Li Na').message).toContain('Li Na');
    expect(new NotTicketOwner('reply to the customer', 'agent-li', 'Li Na').message).toContain('Li Na');
  });

  it('tells an agent to claim an unowned ticket first', () => {
    expect(new NotTicketOwner('reply to the customer', null, null).message).toMatch(/claim/);
  });

  it('names the required roles', () => {
    expect(new RoleRequired(['supervisor', 'admin'], 'reassign a ticket').message).toBe('Only supervisor or admin may reassign a ticket.');
  });

  it('uses the given reason for a refused transition, or a default naming both statuses', () => {
    expect(new TransitionNotAllowed('open', 'open', 'The ticket is already open.').message).toBe('The ticket is already open.');
    expect(new TransitionNotAllowed('closed', 'open').message).toBe('A closed ticket cannot become open.');
  });
});
