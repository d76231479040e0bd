import type { AgentNotification } from '@firsthand/realtime-contracts';

/**
 * A handoff proposal is settled once its ticket, seen among "Handoffs for me", has left that list
 * (accepted, declined, withdrawn): its notice is no longer shown. Other notices pass.
 */
export function withoutSettledHandoffs(
  notices: readonly AgentNotification[],
  seenOffered: ReadonlySet<string>,
  offeredNow: readonly { id: string }[],
): AgentNotification[] {
  const now = new Set(offeredNow.map((t) => t.id));
  return notices.filter((n) => n.kind !== 'handoff_proposed' || !seenOffered.has(n.ticketId) || now.has(n.ticketId));
}
