import type { AgentNoticeKind, SlaTarget } from '@firsthand/domain';
import type { MessageCopy } from './message-copy.js';

interface AgentTicket {
  /** The ticket's id, for the console link. */
  ticketId: string;
  ticketCode: string;
  subject: string;
}

/** What each kind needs; leaving one out does not compile. */
export interface AgentNoticeVars {
  /** 80% of a target has passed. */
  sla_warning: AgentTicket & { target: SlaTarget; dueAt: Date };
  /** The target passed (`breach`) or 150% of it did (`critical`); sent to seniors and supervisors. */
  sla_escalated: AgentTicket & { target: SlaTarget; dueAt: Date; stage: 'breach' | 'critical'; ownerName: string | null };
  /** The owner let the update promised to the customer pass. */
  update_reminder: AgentTicket & { dueAt: Date };
  /** `unverifiedFrom`: the mail failed the sender checks or came from another address; it names who sent it, which may not be the customer. */
  /** `unverifiedFrom`: a mail not surely the customer's, by its sender; `copiedFrom`: one from someone the customer copied. */
  customer_replied: AgentTicket & { customerName: string; replyBody: string; unverifiedFrom?: string; copiedFrom?: string };
  handoff_proposed: AgentTicket & { fromAgentName: string; note: string };
  /** The owner took back the offer made to this agent. */
  handoff_withdrawn: AgentTicket & { ownerName: string };
  /** The agent offered the ticket declined it: it stays with its owner. */
  handoff_declined: AgentTicket & { declinedBy: string };
  reassigned: AgentTicket & { supervisorName: string; toAgentName: string; reason: string };
  /** The ticket is the new contact; it is linked to, and offered to the owner of, the earlier one. */
  repeat_contact: AgentTicket & { customerName: string; earlierTicketCode: string };
  /** The customer reopened a ticket the agent resolved: it is back in their hands. */
  reopened: AgentTicket & { customerName: string; reopenCount: number };
  /** The owner asked for senior help; sent to the seniors and supervisors made watchers by it. */
  escalation_requested: AgentTicket & { ownerName: string; reason: string };
}

export interface AgentCopyContext {
  time(at: Date): string;
}

/** One locale's wording of every agent notice. */
export type AgentNoticeCopybook = {
  openAction: string;
  signature: string;
} & {
  [K in AgentNoticeKind]: (vars: AgentNoticeVars[K], context: AgentCopyContext) => Omit<MessageCopy, 'signature'>;
};
