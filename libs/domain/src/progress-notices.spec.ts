import { asClaimingReply, postAgentMessage } from './agent-message.js';
import { receiveCustomerReply, reopenByCustomer } from './customer-acts.js';
import { receiveCustomerMail } from './email/customer-mail.js';
import { applyMacro } from './macros/apply-macro.js';
import {
  agentNoticesFor,
  customerProgressFor,
  emailsAgentNotice,
  emailsCustomerProgress,
  handlingAgentName,
  isIntegrationEvent,
  replyAwaitsCustomer,
  replyClaimedTicket,
  replyReopenedTicket,
  sendsSms,
  type SameAction,
} from './progress-notices.js';
import { changeStatus } from './status-change.js';
import { aResolvedTicket, anOwnedTicket, at, CUSTOMER, DAY_MS, LI, SAM, SLA, WINDOWS } from './testing/ticket.builder.js';
import type { NewTicketEvent, TicketEvent } from './ticket-events.js';
import { SYSTEM } from './ticket.js';

const li = { type: 'agent' as const, id: LI.id, name: LI.name };
const customer = { type: 'customer' as const, id: CUSTOMER.id, name: CUSTOMER.name };
let seq = 0;
const stored = (event: NewTicketEvent): TicketEvent => ({ ...event, ticketId: 'ticket-1', seq: ++seq, createdAt: at(seq * 1000) }) as TicketEvent;
const owned = { ownerId: LI.id, nextUpdateDueAt: at(3_600_000) };
const unowned = { ownerId: null, nextUpdateDueAt: null };

describe('what the customer is told', () => {
  it('a claim, an accepted handoff and a reassignment all say who now handles the issue', () => {
    const claimed = stored({ type: 'claimed', visibility: 'public', actor: li, payload: { ownerId: LI.id, ownerName: LI.name, via: 'claim' } });
    const handed = stored({ type: 'handoff_accepted', visibility: 'public', actor: li, payload: { fromAgentId: SAM.id, toAgentId: LI.id, toAgentName: LI.name } });
    const reassigned = stored({ type: 'reassigned', visibility: 'public', actor: li, payload: { fromAgentId: SAM.id, toAgentId: LI.id, toAgentName: LI.name, reason: 'leave' } });
    for (const event of [claimed, handed, reassigned]) {
      expect(customerProgressFor(event, owned)).toBe('claimed');
      expect(handlingAgentName(event)).toBe(LI.name);
    }
  });

  it('a claim made by replying is told in the reply\'s email, not in an email of its own; its SMS (a milestone) stays', () => {
    const byReply = stored({ type: 'claimed', visibility: 'public', actor: li, payload: { ownerId: LI.id, ownerName: LI.name, via: 'reply' } });
    const byClaim = stored({ type: 'claimed', visibility: 'public', actor: li, payload: { ownerId: LI.id, ownerName: LI.name, via: 'claim' } });
    expect(customerProgressFor(byReply, owned)).toBe('claimed');
    expect(emailsCustomerProgress(byReply)).toBe(false);
    expect(sendsSms('claimed', true)).toBe(true);
    expect(emailsCustomerProgress(byClaim)).toBe(true);

    const reply = { type: 'agent_replied' as const, visibility: 'public' as const, actor: li, payload: { messageId: 'm-1', body: 'Done.' } };
    const claiming = asClaimingReply({ patch: {}, events: [reply] });
    expect(replyClaimedTicket(stored(claiming.events[0]))).toBe(true);
    expect(replyClaimedTicket(stored(reply))).toBe(false);
    expect(emailsCustomerProgress(stored(claiming.events[0]))).toBe(true);
  });

  it("files a customer's mail lost are told: in the acknowledgement, or in a message of their own", () => {
    const lost = [{ filename: 'setup.exe', why: 'type' as const }];
    const created = stored({ type: 'created', visibility: 'public', actor: customer, payload: { code: 'FH-7K3QX', subject: 's', channel: 'email', kind: 'problem', priority: 'normal', tier: 'standard', repeatOfTicketId: null, filesNotAttached: lost } });
    expect(customerProgressFor(created, unowned)).toBe('received');
    expect(customerProgressFor(created, { ...unowned, botOutcome: 'held' })).toBe('files_not_attached');
    const reply = stored({ type: 'customer_replied', visibility: 'public', actor: customer, payload: { messageId: 'm', body: 'b', channel: 'email', from: 'a@b.c', filesNotAttached: lost } });
    expect(customerProgressFor(reply, owned)).toBe('files_not_attached');
    expect(customerProgressFor(reply, unowned)).toBe('files_not_attached');
    const unverified = stored({ type: 'customer_replied', visibility: 'public', actor: customer, payload: { messageId: 'm', body: 'b', channel: 'email', from: 'a@b.c', unverified: true, filesNotAttached: lost } });
    expect(customerProgressFor(unverified, owned)).toBeNull();
    expect(sendsSms('files_not_attached', true)).toBe(false);
  });

  it('a new issue is acknowledged (with its first-response promise), even when it was answered before the worker got to it', () => {
    const created = stored({ type: 'created', visibility: 'public', actor: customer, payload: { code: 'FH-7K3QX', subject: 's', channel: 'web', kind: 'problem', priority: 'normal', tier: 'standard', repeatOfTicketId: null } });
    expect(customerProgressFor(created, unowned)).toBe('received');
    expect(customerProgressFor(created, owned)).toBe('received');
  });

  it('a ticket a mail opened that failed the sender checks is not acknowledged to the address it names', () => {
    const created = stored({ type: 'created', visibility: 'public', actor: customer, payload: { code: 'FH-7K3QX', subject: 's', channel: 'email', kind: 'question', priority: 'normal', tier: 'standard', repeatOfTicketId: null, unverified: true } });
    expect(customerProgressFor(created, unowned)).toBeNull();
  });

  it('a ticket the bot answered at opening is acknowledged once, by the automatic answer, however the hold ended since', () => {
    const created = stored({ type: 'created', visibility: 'public', actor: customer, payload: { code: 'FH-7K3QX', subject: 's', channel: 'web', kind: 'question', priority: 'normal', tier: 'standard', repeatOfTicketId: null } });
    const answered = stored({ type: 'bot_answered', visibility: 'public', actor: SYSTEM, payload: { articleId: 'a', articleVersion: 1, title: 't', locale: 'en', confidence: 0.9, automatic: true, holdUntil: at(600_000).toISOString() } });
    for (const botOutcome of ['held', 'timer', 'resolved'] as const) {
      expect(customerProgressFor(created, { ...unowned, botOutcome })).toBeNull();
      expect(customerProgressFor(answered, { ...unowned, botOutcome })).toBe('automatic_answer');
    }
    expect(customerProgressFor(created, { ...unowned, botOutcome: null })).toBe('received');
    expect(sendsSms('automatic_answer', false)).toBe(true);
  });

  it('replies, waiting-for-you, resolution, reopening and closing each have their message; reopening to open is not told twice', () => {
    expect(customerProgressFor(stored({ type: 'agent_replied', visibility: 'public', actor: li, payload: { messageId: 'm', body: 'Done' } }), owned)).toBe('agent_replied');
    const status = (from: 'open' | 'pending_customer' | 'resolved', to: 'open' | 'pending_customer' | 'resolved' | 'closed') =>
      customerProgressFor(stored({ type: 'status_changed', visibility: 'public', actor: li, payload: { from, to } }), owned);
    expect(status('open', 'pending_customer')).toBe('pending_customer');
    expect(status('open', 'resolved')).toBe('resolved');
    expect(status('resolved', 'closed')).toBe('closed');
    expect(status('pending_customer', 'open')).toBeNull();
    expect(customerProgressFor(stored({ type: 'reopened', visibility: 'public', actor: customer, payload: { from: 'resolved', reopenCount: 1 } }), owned)).toBe('reopened');
  });

  it("the customer's own reply is answered with the next update promise, only when someone owns it", () => {
    const reply = stored({ type: 'customer_replied', visibility: 'public', actor: customer, payload: { messageId: 'm', body: 'Any news?' } });
    expect(customerProgressFor(reply, owned)).toBe('next_update');
    expect(customerProgressFor(reply, unowned)).toBeNull();
    const spoofed = stored({ type: 'customer_replied', visibility: 'public', actor: customer, payload: { messageId: 'm2', body: 'Refund me', channel: 'email', from: 'a@elsewhere.example', unverified: true } });
    expect(customerProgressFor(spoofed, owned)).toBeNull();
  });

  it('SMS only for milestones, unless the customer has no email address', () => {
    expect(sendsSms('claimed', true)).toBe(true);
    expect(sendsSms('resolved', true)).toBe(true);
    expect(sendsSms('agent_replied', true)).toBe(false);
    expect(sendsSms('agent_replied', false)).toBe(true);
  });

  it('internal events never reach the customer or an integration', () => {
    const note = stored({ type: 'internal_note_added', visibility: 'internal', actor: li, payload: { messageId: 'm', body: 'check ledger' } });
    expect(customerProgressFor(note, owned)).toBeNull();
    expect(isIntegrationEvent(note)).toBe(false);
  });
});

describe('what one action did is told in one message', () => {
  const NOW = at(2 * DAY_MS);
  const context = { now: NOW, sla: SLA, windows: WINDOWS, ownerName: LI.name, eventsAfterExpected: [] };
  /** The events of one action as the worker reads them: stored with consecutive seqs. */
  const committed = (events: readonly NewTicketEvent[]): SameAction => events.map(stored);
  /** What each event of the action tells the customer, and whether by email. */
  const told = (action: SameAction, ticket: Parameters<typeof customerProgressFor>[1]) =>
    action.map((e) => [e.type, customerProgressFor(e, ticket, action), customerProgressFor(e, ticket, action) !== null && emailsCustomerProgress(e, action)]);
  const mail = { messageId: 'mail-1', body: 'It broke again.', from: 'zhang@example.com', verified: true };

  it("a customer's mail that reopens their resolved ticket is one message: open again, with the next-update promise", () => {
    const action = committed(receiveCustomerMail(aResolvedTicket({ resolvedAt: at(DAY_MS) }), CUSTOMER, mail, NOW, SLA, WINDOWS).events);
    expect(told(action, owned)).toEqual([
      ['reopened', null, false],
      ['customer_replied', 'next_update', true],
    ]);
    expect(replyReopenedTicket(action[1]!, action)).toBe(true);
    // Nobody to promise an update (a bot-resolved ticket back in the queue): the reply's message still says it is open again.
    expect(told(action, unowned)).toEqual([
      ['reopened', null, false],
      ['customer_replied', 'reopened', true],
    ]);
  });

  it('so is a reply on the tracking page that reopens it', () => {
    const action = committed(receiveCustomerReply(aResolvedTicket({ resolvedAt: at(DAY_MS) }), CUSTOMER, 'm-1', 'Still broken', NOW, SLA, WINDOWS).events);
    expect(told(action, owned)).toEqual([
      ['reopened', null, false],
      ['customer_replied', 'next_update', true],
    ]);
    expect(replyReopenedTicket(action[1]!, action)).toBe(true);
  });

  it('a reopen and a reply in separate actions are told separately, as before', () => {
    const reopen = committed(reopenByCustomer(aResolvedTicket({ resolvedAt: at(DAY_MS) }), CUSTOMER, NOW, SLA, WINDOWS).events);
    expect(told(reopen, owned)).toEqual([['reopened', 'reopened', true]]);
    const reply = committed(receiveCustomerReply(anOwnedTicket(), CUSTOMER, 'm-2', 'Any news?', NOW, SLA, WINDOWS).events);
    expect(told(reply, owned)).toEqual([['customer_replied', 'next_update', true]]);
    expect(replyReopenedTicket(reply[0]!, reply)).toBe(false);
  });

  it('a reopening mail whose reply is told otherwise (files it refused) keeps the reopen message of its own', () => {
    const lost = committed(
      receiveCustomerMail(aResolvedTicket({ resolvedAt: at(DAY_MS) }), CUSTOMER, { ...mail, filesNotAttached: [{ filename: 'a.exe', why: 'type' }] }, NOW, SLA, WINDOWS).events,
    );
    expect(told(lost, owned)).toEqual([
      ['reopened', 'reopened', true],
      ['customer_replied', 'files_not_attached', true],
    ]);
    // Two mails of one customer sharing the intake's transaction: only the reply that reopened says so.
    const [first, second] = [stored({ type: 'reopened', visibility: 'public', actor: customer, payload: { from: 'resolved', reopenCount: 1 } }), stored({ type: 'customer_replied', visibility: 'public', actor: customer, payload: { messageId: 'a', body: 'a' } })];
    const later = stored({ type: 'customer_replied', visibility: 'public', actor: customer, payload: { messageId: 'b', body: 'b' } });
    expect([first, second, later].map((e) => replyReopenedTicket(e, [first, second, later]))).toEqual([false, true, false]);
  });

  it("a macro's public reply that sets the ticket waiting for the customer is one email saying both; the wait keeps its SMS", () => {
    const macro = { reply: { 'zh-CN': null, en: 'Please send the invoice.' }, status: 'pending_customer' as const, addTags: ['waiting'], removeTags: [], priority: null };
    const { decision } = applyMacro(anOwnedTicket(), LI, macro, { messageId: 'm-3', replyBody: 'Please send the invoice.' }, context);
    const action = committed(decision!.events);
    expect(told(action, owned)).toEqual([
      ['agent_replied', 'agent_replied', true],
      ['status_changed', 'pending_customer', false],
      ['tags_changed', null, false],
    ]);
    expect(replyAwaitsCustomer(action[0]!, action)).toBe(true);
    expect(sendsSms('pending_customer', true)).toBe(true);
  });

  it('a reply and a later wait for the customer, in separate actions, are two emails, as before', () => {
    const reply = committed(postAgentMessage(anOwnedTicket(), LI, { messageId: 'm-4', body: 'Checking.', visibility: 'public' }, context).events);
    expect(told(reply, owned)).toEqual([['agent_replied', 'agent_replied', true]]);
    expect(replyAwaitsCustomer(reply[0]!, reply)).toBe(false);
    const wait = committed(changeStatus(anOwnedTicket(), LI, { status: 'pending_customer' }, context).events);
    expect(told(wait, owned)).toEqual([['status_changed', 'pending_customer', true]]);
    // An internal note with the wait (a non-owner's macro cannot set it; a note is no message to the customer): the wait is emailed.
    const note = stored({ type: 'internal_note_added', visibility: 'internal', actor: li, payload: { messageId: 'n', body: 'asked for the invoice' } });
    expect(emailsCustomerProgress(wait[0]!, [note, ...wait])).toBe(true);
  });
});

describe('which agents are told', () => {
  it('SLA events go to whom the rule named; the reminder to the owner', () => {
    const warning = stored({ type: 'sla_warning', visibility: 'internal', actor: SYSTEM, payload: { target: 'first_response', dueAt: 'x', fromLevel: 0, toLevel: 1, notifiedIds: [LI.id, SAM.id] } });
    expect(agentNoticesFor(warning, unowned)).toEqual([{ agentId: LI.id, kind: 'sla_warning' }, { agentId: SAM.id, kind: 'sla_warning' }]);
    const reminder = stored({ type: 'update_reminder', visibility: 'internal', actor: SYSTEM, payload: { dueAt: 'x', ownerId: LI.id } });
    expect(agentNoticesFor(reminder, owned)).toEqual([{ agentId: LI.id, kind: 'update_reminder' }]);
  });

  it('a customer reply tells the owner; a handoff proposal the proposed agent; a reassignment both agents but not the supervisor who did it', () => {
    const reply = stored({ type: 'customer_replied', visibility: 'public', actor: customer, payload: { messageId: 'm', body: 'hi' } });
    expect(agentNoticesFor(reply, owned)).toEqual([{ agentId: LI.id, kind: 'customer_replied' }]);
    expect(agentNoticesFor(reply, unowned)).toEqual([]);
    const proposed = stored({ type: 'handoff_proposed', visibility: 'internal', actor: li, payload: { fromAgentId: LI.id, toAgentId: SAM.id, toAgentName: SAM.name, note: 'n' } });
    expect(agentNoticesFor(proposed, owned)).toEqual([{ agentId: SAM.id, kind: 'handoff_proposed' }]);
    const ada = { type: 'agent' as const, id: 'agent-ada', name: 'Ada' };
    const reassigned = stored({ type: 'reassigned', visibility: 'public', actor: ada, payload: { fromAgentId: LI.id, toAgentId: SAM.id, toAgentName: SAM.name, reason: 'leave' } });
    expect(agentNoticesFor(reassigned, owned).map((n) => n.agentId)).toEqual([SAM.id, LI.id]);
  });

  it('a withdrawn handoff tells the agent it was offered to; a declined one tells the owner; neither is emailed', () => {
    const sam = { type: 'agent' as const, id: SAM.id, name: SAM.name };
    const withdrawn = stored({ type: 'handoff_declined', visibility: 'internal', actor: li, payload: { fromAgentId: LI.id, toAgentId: SAM.id, withdrawn: true } });
    expect(agentNoticesFor(withdrawn, owned)).toEqual([{ agentId: SAM.id, kind: 'handoff_withdrawn' }]);
    const declined = stored({ type: 'handoff_declined', visibility: 'internal', actor: sam, payload: { fromAgentId: LI.id, toAgentId: SAM.id, withdrawn: false } });
    expect(agentNoticesFor(declined, owned)).toEqual([{ agentId: LI.id, kind: 'handoff_declined' }]);
    expect(emailsAgentNotice('handoff_withdrawn', owned)).toBe(false);
    expect(emailsAgentNotice('handoff_declined', owned)).toBe(false);
  });

  it('a warning to the whole team about an unclaimed ticket is live only; everything else is emailed too', () => {
    expect(emailsAgentNotice('sla_warning', unowned)).toBe(false);
    expect(emailsAgentNotice('sla_warning', owned)).toBe(true);
    expect(emailsAgentNotice('sla_escalated', unowned)).toBe(true);
    expect(emailsAgentNotice('handoff_proposed', owned)).toBe(true);
  });

  it("a customer's reopen tells the owner, who has it back in their hands", () => {
    const reopened = stored({ type: 'reopened', visibility: 'public', actor: customer, payload: { from: 'resolved', reopenCount: 1 } });
    expect(agentNoticesFor(reopened, owned)).toEqual([{ agentId: LI.id, kind: 'reopened' }]);
    expect(agentNoticesFor(reopened, unowned)).toEqual([]);
    expect(emailsAgentNotice('reopened', owned)).toBe(true);
  });

  it("an owner's request for help tells the seniors and supervisors it made watchers, by email too", () => {
    const asked = stored({ type: 'escalation_requested', visibility: 'internal', actor: li, payload: { fromLevel: 0, toLevel: 2, reason: 'refund approval', watcherIds: ['senior-1', 'sup-1', LI.id] } });
    expect(agentNoticesFor(asked, owned)).toEqual([
      { agentId: 'senior-1', kind: 'escalation_requested' },
      { agentId: 'sup-1', kind: 'escalation_requested' },
    ]);
    expect(emailsAgentNotice('escalation_requested', owned)).toBe(true);
  });

  it('an agent is never told about what they did themselves', () => {
    const selfReassign = stored({ type: 'reassigned', visibility: 'public', actor: li, payload: { fromAgentId: null, toAgentId: LI.id, toAgentName: LI.name, reason: 'r' } });
    expect(agentNoticesFor(selfReassign, owned)).toEqual([]);
  });
});
