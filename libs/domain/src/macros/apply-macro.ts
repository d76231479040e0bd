import { postAgentMessage } from '../agent-message.js';
import type { ResolutionWindows } from '../resolution-windows.js';
import type { SlaTargets } from '../sla-clock.js';
import { changeStatus } from '../status-change.js';
import { tagDecision } from '../tags/ticket-tags.js';
import type { TicketDecision } from '../ticket-decision.js';
import type { TicketEvent } from '../ticket-events.js';
import { agentActor, type ActingAgent, type Ticket } from '../ticket.js';
import type { AgentSettableStatus, Priority, Visibility } from '../vocabulary.js';
import type { MacroActions } from './macro.js';

export interface MacroApplication {
  messageId: string;
  /** The reply already chosen for the customer's locale and rendered; null when the macro has none. */
  replyBody: string | null;
}

/** What applying a macro did, for the answer and the confirmation the console shows. */
export interface MacroOutcome {
  reply: Visibility | null;
  status: AgentSettableStatus | null;
  priority: Priority | null;
  tagsAdded: string[];
  tagsRemoved: string[];
  /** Actions left out because the agent does not own the ticket. */
  skipped: Array<'status' | 'priority'>;
}

type Context = { now: Date; sla: SlaTargets; windows: ResolutionWindows; ownerName: string | null; eventsAfterExpected: TicketEvent[] };
type Step = (ticket: Ticket) => TicketDecision | null;

/**
 * A macro in one change, under the same ownership rules as its parts. The owner's macro replies
 * publicly, changes the status (by the status rules: a refused step refuses the whole macro),
 * tags and sets the priority. Anyone else's is the limited version (README rule 3): the reply is
 * added as an internal note and only the tags change; status and priority are skipped and said so.
 * A reply to a resolved ticket needs the reopen first, so there the status goes first.
 */
export function applyMacro(
  ticket: Ticket,
  agent: ActingAgent,
  macro: MacroActions,
  application: MacroApplication,
  context: Context,
): { decision: TicketDecision | null; outcome: MacroOutcome } {
  const owner = ticket.ownerId === agent.id;
  const outcome: MacroOutcome = { reply: null, status: null, priority: null, tagsAdded: [], tagsRemoved: [], skipped: [] };
  const replyVisibility: Visibility = owner ? 'public' : 'internal';

  const reply: Step | null = application.replyBody
    ? (t) => {
        outcome.reply = replyVisibility;
        return postAgentMessage(t, agent, { messageId: application.messageId, body: application.replyBody!, visibility: replyVisibility }, context);
      }
    : null;
  const status: Step | null =
    macro.status && owner
      ? (t) => {
          if (t.status === macro.status) return null;
          outcome.status = macro.status;
          return changeStatus(t, agent, { status: macro.status! }, context);
        }
      : null;
  const priority: Step | null =
    macro.priority && owner
      ? (t) => {
          if (t.priority === macro.priority) return null;
          outcome.priority = macro.priority;
          return { patch: { priority: macro.priority! }, events: [{ type: 'priority_changed', visibility: 'internal', actor: agentActor(agent), payload: { from: t.priority, to: macro.priority! } }] };
        }
      : null;
  const tags: Step = (t) => {
    const decision = tagDecision(t, { add: macro.addTags, remove: macro.removeTags }, agentActor(agent));
    if (decision?.events[0]?.type === 'tags_changed') {
      outcome.tagsAdded = decision.events[0].payload.added;
      outcome.tagsRemoved = decision.events[0].payload.removed;
    }
    return decision;
  };
  if (!owner) {
    if (macro.status) outcome.skipped.push('status');
    if (macro.priority) outcome.skipped.push('priority');
  }

  const ordered = ticket.status === 'resolved' ? [status, reply, priority, tags] : [reply, status, priority, tags];
  return { decision: composeDecisions(ticket, ordered.filter((s): s is Step => s !== null)), outcome };
}

/** Runs the steps in order, each on the ticket as the ones before left it; null when none changed anything. */
export function composeDecisions(ticket: Ticket, steps: Step[]): TicketDecision | null {
  let current = ticket;
  const all: TicketDecision[] = [];
  for (const step of steps) {
    const decision = step(current);
    if (!decision) continue;
    all.push(decision);
    current = { ...current, ...(decision.patch as Partial<Ticket>) };
  }
  if (!all.length) return null;
  const watchers = all.flatMap((d) => d.addWatcherIds ?? []);
  return {
    patch: Object.assign({}, ...all.map((d) => d.patch)),
    events: all.flatMap((d) => d.events),
    message: all.find((d) => d.message)?.message,
    ...(watchers.length ? { addWatcherIds: [...new Set(watchers)] } : {}),
  };
}
