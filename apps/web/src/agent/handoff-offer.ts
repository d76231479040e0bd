import type { TicketEventView, TicketPerson, TicketView } from '@firsthand/http-contracts';

/**
 * A handoff waiting for an answer, as the two agents it concerns see it: `offered` to me by the
 * owner, or `offering` (I own the ticket and offered it). The note and the time come from the
 * proposal's event: the ticket view names only the agent it waits for.
 */
export interface HandoffOffer {
  side: 'offered' | 'offering';
  from: TicketPerson;
  to: TicketPerson;
  note: string | null;
  at: string | null;
}

export function handoffOffer(ticket: Pick<TicketView, 'owner' | 'pendingHandoffTo'>, events: readonly TicketEventView[], meId: string): HandoffOffer | null {
  const { owner, pendingHandoffTo: to } = ticket;
  if (!owner || !to) return null;
  const side = to.id === meId ? 'offered' : owner.id === meId ? 'offering' : null;
  if (!side) return null;
  // One proposal waits at a time, so the newest to this agent is the one waiting.
  const proposal = events.findLast((e) => e.type === 'handoff_proposed' && e.payload.toAgentId === to.id);
  return { side, from: owner, to, note: proposal?.type === 'handoff_proposed' ? proposal.payload.note : null, at: proposal?.createdAt ?? null };
}
