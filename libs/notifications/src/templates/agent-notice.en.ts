import type { SlaTarget } from '@firsthand/domain';
import type { AgentNoticeCopybook } from './agent-notice.js';

const TARGET: Record<SlaTarget, string> = { first_response: 'first response', next_update: 'promised update', resolution: 'resolution' };

export const agentNoticeEn: AgentNoticeCopybook = {
  openAction: 'Open the ticket',
  signature: 'Firsthand',

  sla_warning: ({ ticketCode, subject, target, dueAt }, { time }) => ({
    subject: `[${ticketCode}] ${capitalised(TARGET[target])} due soon`,
    blocks: [{ paragraph: `The ${TARGET[target]} on “${subject}” is due by ${time(dueAt)}; 80% of the time has passed.` }],
  }),

  sla_escalated: ({ ticketCode, subject, target, dueAt, stage, ownerName }, { time }) => ({
    subject: `[${ticketCode}] Escalated: ${TARGET[target]} ${stage === 'critical' ? 'far overdue' : 'overdue'}`,
    blocks: [
      {
        paragraph:
          stage === 'critical'
            ? `The ${TARGET[target]} on “${subject}” was due by ${time(dueAt)} and is now 50% past its target.`
            : `The ${TARGET[target]} on “${subject}” was due by ${time(dueAt)} and has been missed.`,
      },
      { paragraph: ownerName ? `${ownerName} still owns it and stays accountable; step in or reassign.` : 'Nobody has claimed it yet.' },
    ],
  }),

  update_reminder: ({ ticketCode, subject, dueAt }, { time }) => ({
    subject: `[${ticketCode}] The customer is waiting for an update`,
    blocks: [{ paragraph: `You promised the customer an update on “${subject}” by ${time(dueAt)}. Please send one now.` }],
  }),

  customer_replied: ({ ticketCode, subject, customerName, replyBody, unverifiedFrom, copiedFrom }) =>
    copiedFrom !== undefined
      ? { subject: `[${ticketCode}] ${copiedFrom} replied (copied by ${customerName})`, blocks: [{ paragraph: `${copiedFrom}, whom ${customerName} copied, replied on “${subject}”:` }, { quote: replyBody }] }
      : unverifiedFrom === undefined
      ? { subject: `[${ticketCode}] ${customerName} replied`, blocks: [{ paragraph: `${customerName} replied on “${subject}”:` }, { quote: replyBody }] }
      : {
          subject: `[${ticketCode}] Unverified mail from ${unverifiedFrom}`,
          blocks: [
            { paragraph: `A mail from ${unverifiedFrom} reached “${subject}”, not verified as coming from ${customerName}: check before you act on it. It changed nothing on its own, and ${customerName}'s page does not show it.` },
            { quote: replyBody },
          ],
        },

  handoff_withdrawn: ({ ticketCode, subject, ownerName }) => ({
    subject: `[${ticketCode}] ${ownerName} withdrew the handoff`,
    blocks: [{ paragraph: `${ownerName} no longer asks you to take over “${subject}”: it stays with them.` }],
  }),

  handoff_declined: ({ ticketCode, subject, declinedBy }) => ({
    subject: `[${ticketCode}] ${declinedBy} declined to take over`,
    blocks: [{ paragraph: `${declinedBy} declined your handoff of “${subject}”. It is still yours: answer the customer, or offer it to someone else.` }],
  }),

  handoff_proposed: ({ ticketCode, subject, fromAgentName, note }) => ({
    subject: `[${ticketCode}] ${fromAgentName} asks you to take over`,
    blocks: [
      { paragraph: `${fromAgentName} proposes to hand “${subject}” over to you. It stays with ${fromAgentName} until you accept.` },
      { quote: note },
    ],
  }),

  reassigned: ({ ticketCode, subject, supervisorName, toAgentName, reason }) => ({
    subject: `[${ticketCode}] Reassigned to ${toAgentName}`,
    blocks: [{ paragraph: `${supervisorName} reassigned “${subject}” to ${toAgentName}. Reason:` }, { quote: reason }],
  }),

  repeat_contact: ({ ticketCode, subject, customerName, earlierTicketCode }) => ({
    subject: `[${ticketCode}] ${customerName} contacted us again`,
    blocks: [{ paragraph: `${customerName} opened “${subject}” (${ticketCode}) soon after ${earlierTicketCode}, which you handled. It is offered to you first.` }],
  }),

  reopened: ({ ticketCode, subject, customerName, reopenCount }) => ({
    subject: `[${ticketCode}] ${customerName} reopened the ticket`,
    blocks: [{ paragraph: `${customerName} reopened “${subject}” (reopened ${reopenCount} ${reopenCount === 1 ? 'time' : 'times'}). It is back in your tickets.` }],
  }),

  escalation_requested: ({ ticketCode, subject, ownerName, reason }) => ({
    subject: `[${ticketCode}] ${ownerName} asks for your help`,
    blocks: [
      { paragraph: `${ownerName} escalated “${subject}” and you now watch it. ${ownerName} still owns it and stays accountable. Reason:` },
      { quote: reason },
    ],
  }),
};

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
