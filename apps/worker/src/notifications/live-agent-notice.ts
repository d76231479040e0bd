import type { AgentNotice, Ticket, TicketEvent } from '@firsthand/domain';
import type { AgentNotification } from '@firsthand/realtime-contracts';

/** Who sent a customer's mail that failed the sender checks (null for anything else): it may not be the customer. */
export function unverifiedSender(event: TicketEvent): string | null {
  return event.type === 'customer_replied' && event.payload.unverified ? (event.payload.from ?? '?') : null;
}

/** The pop-up an agent gets for an event, beside (or instead of) its email. */
export function liveAgentNotice(
  event: TicketEvent & { id: string },
  ticket: Pick<Ticket, 'id' | 'code'>,
  agentId: string,
  kind: AgentNotice['kind'],
  title: string,
): AgentNotification {
  const about = event.type === 'repeat_contact' ? { ticketId: event.payload.ticketId, ticketCode: event.payload.code } : { ticketId: ticket.id, ticketCode: ticket.code };
  // An unverified mail is named by the address it came from, and said to be unverified: not "<customer> replied".
  const stranger = unverifiedSender(event);
  // So is a mail from someone the customer copied: it is theirs, not the customer's.
  const copied = event.type === 'customer_replied' && event.payload.copiedPerson ? (event.payload.from ?? null) : null;
  const actorName = stranger ?? copied ?? (event.actor.type === 'system' ? '' : event.actor.name);
  return {
    id: `${event.id}-${agentId}`,
    kind,
    ...about,
    seq: event.seq,
    title,
    actorName,
    at: event.createdAt.toISOString(),
    ...(stranger ? { unverified: true as const } : {}),
    ...slaOf(event),
  };
}

function slaOf(event: TicketEvent): Pick<AgentNotification, 'sla'> {
  if (event.type === 'sla_warning') return { sla: { target: event.payload.target, stage: 'warning' } };
  if (event.type === 'sla_escalated') return { sla: { target: event.payload.target, stage: event.payload.stage } };
  return {};
}
