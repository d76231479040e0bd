import type { AgentNoticeKind, CustomerProgressKind } from '@firsthand/domain';
import type { NotificationListItem } from '@firsthand/realtime-contracts';
import type { Translate } from './locale.js';
import type { MessageKey } from './messages-en.js';

// Every kind a person is sent has a name here (the compiler says when one is missing); a webhook's kind is the event type integrations subscribe to, shown as it is.
const KIND_KEYS: Record<CustomerProgressKind | AgentNoticeKind, MessageKey> = {
  received: 'delivery.kind.received',
  automatic_answer: 'delivery.kind.automatic_answer',
  claimed: 'delivery.kind.claimed',
  agent_replied: 'delivery.kind.agent_replied',
  pending_customer: 'delivery.kind.pending_customer',
  resolved: 'delivery.kind.resolved',
  reopened: 'delivery.kind.reopened',
  next_update: 'delivery.kind.next_update',
  closed: 'delivery.kind.closed',
  files_not_attached: 'delivery.kind.files_not_attached',
  sla_warning: 'delivery.kind.sla_warning',
  sla_escalated: 'delivery.kind.sla_escalated',
  update_reminder: 'delivery.kind.update_reminder',
  customer_replied: 'delivery.kind.customer_replied',
  handoff_proposed: 'delivery.kind.handoff_proposed',
  handoff_withdrawn: 'delivery.kind.handoff_withdrawn',
  handoff_declined: 'delivery.kind.handoff_declined',
  reassigned: 'delivery.kind.reassigned',
  repeat_contact: 'delivery.kind.repeat_contact',
  escalation_requested: 'delivery.kind.escalation_requested',
};

const CHANNEL_KEYS: Record<NotificationListItem['channel'], MessageKey> = {
  email: 'delivery.channel.email',
  sms: 'delivery.channel.sms',
  webhook: 'delivery.channel.webhook',
};

/** What a stored notification was, in the reader's language ("Reply", "SLA warning"); a kind this build does not know stays as stored. */
export function notificationKindLabel(notification: Pick<NotificationListItem, 'kind' | 'channel'>, t: Translate): string {
  if (notification.channel === 'webhook') return notification.kind;
  const key = (KIND_KEYS as Record<string, MessageKey | undefined>)[notification.kind];
  return key ? t(key) : notification.kind;
}

export function notificationChannelLabel(channel: NotificationListItem['channel'], t: Translate): string {
  return t(CHANNEL_KEYS[channel]);
}
