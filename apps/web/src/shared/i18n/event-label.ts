import type { TicketStatus } from '@firsthand/domain';
import type { TicketEventView } from '@firsthand/http-contracts';
import type { I18n } from './i18n.js';
import type { MessageKey } from './messages-en.js';

const STATUS_KEYS: Record<TicketStatus, MessageKey> = {
  new: 'status.new',
  open: 'status.open',
  pending_customer: 'status.pending_customer',
  resolved: 'status.resolved',
  closed: 'status.closed',
};
const status = (t: I18n['t'], value: unknown) => (typeof value === 'string' && value in STATUS_KEYS ? t(STATUS_KEYS[value as TicketStatus]) : String(value ?? ''));
const target = (t: I18n['t'], value: unknown) =>
  value === 'first_response' || value === 'next_update' || value === 'resolution' ? t(`sla.${value}`) : String(value ?? '');

/** One line saying what an event did, in the agent's language. */
export function eventLabel(event: TicketEventView, t: I18n['t']): string {
  const p = event.payload;
  switch (event.type) {
    case 'status_changed':
      return t('event.status_changed', { from: status(t, p.from), to: status(t, p.to) });
    case 'handoff_proposed':
      return t('event.handoff_proposed', { name: String(p.toAgentName ?? '') });
    case 'handoff_accepted':
      return t('event.handoff_accepted', { name: String(p.toAgentName ?? '') });
    case 'reassigned':
      return t('event.reassigned', { name: String(p.toAgentName ?? '') });
    case 'escalation_requested':
      return t('event.escalation_requested', { level: String(p.toLevel ?? '') });
    case 'repeat_contact':
      return t('event.repeat_contact', { code: String(p.code ?? '') });
    case 'rated':
      return t('event.rated', { rating: String(p.rating ?? '') });
    case 'sla_warning':
    case 'sla_escalated':
      return t(`event.${event.type}`, { target: target(t, p.target) });
    case 'created':
    case 'claimed':
    case 'agent_replied':
    case 'internal_note_added':
    case 'customer_replied':
    case 'reopened':
    case 'handoff_declined':
    case 'update_reminder':
      return t(`event.${event.type}`);
    default:
      return event.type;
  }
}

/** The text an event carries for the reader: a message body, a resolution, a reason, a handoff note. */
export function eventBody(event: TicketEventView): string | null {
  const p = event.payload;
  for (const field of ['body', 'resolution', 'note', 'reason', 'comment'] as const) {
    if (typeof p[field] === 'string' && p[field]) return p[field];
  }
  return null;
}
