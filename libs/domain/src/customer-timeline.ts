import { customerResolution } from './system-resolutions.js';
import { withAttachments, withFilesNotAttached } from './attachments/attachment-ref.js';
import type { TicketEvent } from './ticket-events.js';

export interface CustomerTimelineEntry {
  seq: number;
  type: TicketEvent['type'];
  at: string;
  by: { type: 'agent' | 'customer' | 'system'; name: string | null };
  data: Record<string, unknown>;
}

/**
 * What a customer may see of an event: only public events, and of those only the fields meant for
 * them (a reassignment's reason and agent ids stay inside). The files a public message carries are theirs.
 * A mail on their ticket that is not surely theirs (another sender, or their address failing DMARC)
 * stays with the agents: shown to the customer it would read "you wrote", in anyone's words.
 */
export function toCustomerTimelineEntry(event: TicketEvent): CustomerTimelineEntry | null {
  if (event.visibility !== 'public') return null;
  if (event.type === 'customer_replied' && event.payload.unverified) return null;
  return publicEntry(event);
}

/**
 * What a webhook endpoint receives of an event: what the customer sees of a public one, and a
 * customer's reply always says whether it is surely theirs (`unverified`, as the agents' timeline
 * marks it). An unverified mail, kept off the customer's page, still reaches the endpoint, marked
 * and with its sender (`from`): an integration must be able to tell it apart, not receive nothing.
 */
export function toIntegrationTimelineEntry(event: TicketEvent): CustomerTimelineEntry | null {
  if (event.visibility !== 'public') return null;
  const entry = publicEntry(event);
  if (event.type !== 'customer_replied') return entry;
  const unverified = event.payload.unverified === true;
  return { ...entry, data: { ...entry.data, unverified, ...(unverified && event.payload.from ? { from: event.payload.from } : {}) } };
}

function publicEntry(event: TicketEvent): CustomerTimelineEntry {
  const by = { type: event.actor.type, name: event.actor.type === 'system' ? null : event.actor.name };
  return { seq: event.seq, type: event.type, at: event.createdAt.toISOString(), by, data: customerFields(event) };
}

function customerFields(event: TicketEvent): Record<string, unknown> {
  switch (event.type) {
    case 'created':
      return { code: event.payload.code, subject: event.payload.subject, channel: event.payload.channel, ...withAttachments(event.payload.attachments), ...withFilesNotAttached(event.payload.filesNotAttached) };
    case 'claimed':
      return { ownerName: event.payload.ownerName };
    case 'agent_replied':
      return { body: event.payload.body, ...withAttachments(event.payload.attachments) };
    case 'customer_replied':
      // Someone the customer copied wrote it: the customer's page says who, not "you".
      return {
        body: event.payload.body,
        channel: event.payload.channel ?? 'web',
        ...withAttachments(event.payload.attachments),
        // What the acknowledgement said was left out, so the page the customer is sent to says it too.
        ...withFilesNotAttached(event.payload.filesNotAttached),
        ...(event.payload.copiedPerson && event.payload.from ? { copiedPerson: event.payload.from } : {}),
      };
    case 'status_changed':
      return { from: event.payload.from, to: event.payload.to, resolution: customerResolution(event.payload.resolution) };
    case 'reopened':
      return {};
    case 'handoff_accepted':
    case 'reassigned':
      return { ownerName: event.payload.toAgentName };
    case 'rated':
      return { rating: event.payload.rating, comment: event.payload.comment };
    // The automatic answer: which article, marked automatic (its text comes with the view's automaticAnswer).
    case 'bot_answered':
      return { articleId: event.payload.articleId, title: event.payload.title, locale: event.payload.locale, automatic: true };
    case 'bot_resolved':
      return { automatic: true };
    case 'bot_handed_over':
      return { reason: event.payload.reason };
    default:
      return {};
  }
}
