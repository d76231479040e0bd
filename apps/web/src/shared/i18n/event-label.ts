import type { TicketStatus } from '@firsthand/domain';
import type { TicketEventView } from '@firsthand/http-contracts';
import type { Translate } from './locale.js';
import type { MessageKey } from './messages-en.js';

const STATUS_KEYS: Record<TicketStatus, MessageKey> = {
  new: 'status.new',
  open: 'status.open',
  pending_customer: 'status.pending_customer',
  resolved: 'status.resolved',
  closed: 'status.closed',
};
const status = (t: Translate, value: TicketStatus) => t(STATUS_KEYS[value]);

/** One line saying what an event did, in the agent's language. */
export function eventLabel(event: TicketEventView, t: Translate): string {
  switch (event.type) {
    case 'status_changed':
      return t('event.status_changed', { from: status(t, event.payload.from), to: status(t, event.payload.to) });
    case 'handoff_proposed':
      return t('event.handoff_proposed', { name: event.payload.toAgentName });
    case 'handoff_accepted':
      return t('event.handoff_accepted', { name: event.payload.toAgentName });
    case 'reassigned':
      return t('event.reassigned', { name: event.payload.toAgentName });
    case 'escalation_requested':
      return t('event.escalation_requested', { level: String(event.payload.toLevel) });
    case 'repeat_contact':
      return t('event.repeat_contact', { code: event.payload.code });
    case 'rated':
      return t('event.rated', { rating: String(event.payload.rating) });
    case 'customer_tier_changed':
      return t('event.customer_tier_changed', { from: t(`tier.${event.payload.from}`), to: t(`tier.${event.payload.to}`) });
    case 'customer_merged':
      return t('event.customer_merged', { from: event.payload.fromCustomerName, to: event.payload.toCustomerName });
    case 'sla_warning':
      return t('event.sla_warning', { target: t(`sla.${event.payload.target}`) });
    case 'sla_escalated':
      // The 150% stage is a second escalation of the same target: worded apart so it does not read as the breach again.
      return t(event.payload.stage === 'critical' ? 'event.sla_critical' : 'event.sla_escalated', { target: t(`sla.${event.payload.target}`) });
    case 'tags_changed':
      return t('event.tags_changed', { changes: [...event.payload.added.map((tag) => `+${tag}`), ...event.payload.removed.map((tag) => `−${tag}`)].join(' ') });
    case 'priority_changed':
      return t('event.priority_changed', { from: t(`priority.${event.payload.from}`), to: t(`priority.${event.payload.to}`) });
    case 'sla_replanned':
      return t('event.sla_replanned');
    case 'bot_answered':
      return t('event.bot_answered', { title: event.payload.title });
    case 'bot_resolved':
      return t('event.bot_resolved');
    case 'bot_handed_over':
      return t(`event.bot_handed_over.${event.payload.reason}`);
    case 'created':
    case 'claimed':
    case 'agent_replied':
    case 'internal_note_added':
    case 'customer_replied':
    case 'reopened':
    case 'handoff_declined':
    case 'update_reminder':
      return t(`event.${event.type}`);
    default: {
      // A type this bundle does not know yet (the API was deployed first): show its name.
      const unknown: { type: string } = event;
      return unknown.type;
    }
  }
}

/** The text an event carries for the reader: a message body, a resolution, a reason, a handoff note. */
export function eventBody(event: TicketEventView): string | null {
  switch (event.type) {
    case 'agent_replied':
    case 'internal_note_added':
    case 'customer_replied':
      return event.payload.body || null;
    case 'status_changed':
      return event.payload.resolution || null;
    case 'handoff_proposed':
      return event.payload.note || null;
    case 'reassigned':
    case 'escalation_requested':
      return event.payload.reason || null;
    case 'rated':
      return event.payload.comment || null;
    default:
      return null;
  }
}
