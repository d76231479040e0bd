import type { TicketDecision } from '../ticket-decision.js';
import { agentActor, type ActingAgent, type Actor, type Ticket } from '../ticket.js';
import { ConflictingTagChange, TooManyTags } from './tag-errors.js';
import { TAG_LIMITS } from './tag-limits.js';
import { normaliseTag, normaliseTags } from './tag-normalising.js';

function lenientKey(tag: string): string {
  try {
    return normaliseTag(tag);
  } catch {
    return tag;
  }
}

export interface TagChangeInput {
  add?: readonly string[];
  remove?: readonly string[];
}

export interface TagChange {
  tags: string[];
  added: string[];
  removed: string[];
}

/**
 * The tags a ticket ends with: removals first, then additions in the order given. Tags already
 * there are not added again and absent ones are not removed, so two agents tagging at once both land.
 */
export function nextTags(current: readonly string[], input: TagChangeInput): TagChange {
  const add = normaliseTags(input.add ?? []);
  const remove = normaliseTags(input.remove ?? []);
  const both = add.filter((t) => remove.includes(t));
  if (both.length) throw new ConflictingTagChange(both);
  // Tags stored before normalising existed are matched by their normalised spelling.
  const removed = current.filter((t) => remove.includes(lenientKey(t)));
  const kept = current.filter((t) => !removed.includes(t));
  const keptKeys = kept.map(lenientKey);
  const added = add.filter((t) => !keptKeys.includes(t));
  const tags = [...kept, ...added];
  if (added.length && tags.length > TAG_LIMITS.perTicket) throw new TooManyTags(TAG_LIMITS.perTicket, tags.length);
  return { tags, added, removed };
}

/** The decision part of a tag change by any actor; null when nothing changes. */
export function tagDecision(ticket: Ticket, input: TagChangeInput, actor: Actor): TicketDecision | null {
  const change = nextTags(ticket.tags, input);
  if (!change.added.length && !change.removed.length) return null;
  return {
    patch: { tags: change.tags },
    events: [{ type: 'tags_changed', visibility: 'internal', actor, payload: { added: change.added, removed: change.removed } }],
  };
}

/**
 * Tags are the team's bookkeeping, not a word to the customer: any agent who may see the ticket
 * may change them, in any status, owner or not (the write path has already checked visibility).
 */
export function changeTicketTags(ticket: Ticket, agent: ActingAgent, input: TagChangeInput): TicketDecision | null {
  return tagDecision(ticket, input, agentActor(agent));
}
