import { macroReplyFor } from '@firsthand/domain';
import type { MacroView, TicketView } from '@firsthand/http-contracts';

/** What applying a macro will do on this ticket for this agent: the confirmation lists it. */
export interface MacroPlan {
  limited: boolean;
  reply: { visibility: 'public' | 'internal'; text: string } | null;
  status: MacroView['status'];
  priority: MacroView['priority'];
  addTags: string[];
  removeTags: string[];
  skipped: Array<'status' | 'priority'>;
}

/** Mirrors the API's rule (`applyMacro`): the owner gets the whole macro, anyone else an internal note and the tags. */
export function planMacro(macro: MacroView, ticket: TicketView, meId: string): MacroPlan {
  const owner = ticket.owner?.id === meId;
  const text = macroReplyFor(macro, ticket.customer.locale);
  return {
    limited: !owner,
    reply: text ? { visibility: owner ? 'public' : 'internal', text } : null,
    status: owner && macro.status !== ticket.status ? macro.status : null,
    priority: owner && macro.priority !== ticket.priority ? macro.priority : null,
    addTags: macro.addTags.filter((tag) => !ticket.tags.includes(tag)),
    removeTags: macro.removeTags.filter((tag) => ticket.tags.includes(tag)),
    skipped: owner ? [] : ([macro.status ? 'status' : null, macro.priority ? 'priority' : null].filter(Boolean) as Array<'status' | 'priority'>),
  };
}
