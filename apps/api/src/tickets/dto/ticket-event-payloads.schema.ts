import { ApiProperty, ApiPropertyOptional, ApiSchema, type ApiPropertyOptions } from '@nestjs/swagger';
import { CHANNELS, CUSTOMER_TIERS, PRIORITIES, SLA_TARGETS, TICKET_KINDS, TICKET_STATUSES, type Channel, type CustomerTier, type Priority, type SlaTarget, type TicketEventType, type TicketStatus } from '@firsthand/domain';
import type { TicketEventPayload } from '@firsthand/http-contracts';
import { integer, oneOf, optionalText, optionalUuid, text, uuid } from '../../http/dto/response-fields.js';
import { AttachmentSchema } from '../../attachments/dto/attachment.schema.js';

const attachments = { type: () => AttachmentSchema, isArray: true, description: 'Files the event carries; absent when none' } satisfies ApiPropertyOptions;

const level = { type: 'integer', minimum: 0, maximum: 3 } satisfies ApiPropertyOptions;
const uuids = { type: String, format: 'uuid', isArray: true } satisfies ApiPropertyOptions;

@ApiSchema({ name: 'TakenInBy' })
class TakenInBySchema {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) name: string;
}

const takenInBy = { type: () => TakenInBySchema, description: 'By email: the mail was held back (its sender\'s hourly rate, or automatic-looking), and this supervisor took it in; never on the customer\'s page' } satisfies ApiPropertyOptions;

@ApiSchema({ name: 'CreatedPayload' })
class CreatedPayload implements TicketEventPayload<'created'> {
  @ApiProperty(text) code: string;
  @ApiProperty(text) subject: string;
  @ApiProperty(oneOf(CHANNELS)) channel: string;
  @ApiProperty(oneOf(TICKET_KINDS)) kind: string;
  @ApiProperty(oneOf(PRIORITIES)) priority: string;
  @ApiProperty(oneOf(CUSTOMER_TIERS)) tier: string;
  @ApiProperty(optionalUuid) repeatOfTicketId: string | null;
  @ApiPropertyOptional(attachments) attachments?: AttachmentSchema[];
  @ApiPropertyOptional(takenInBy) takenInBy?: TakenInBySchema;
}

@ApiSchema({ name: 'ClaimedPayload' })
class ClaimedPayload implements TicketEventPayload<'claimed'> {
  @ApiProperty(uuid) ownerId: string;
  @ApiProperty(text) ownerName: string;
  @ApiProperty(oneOf(['claim', 'reply'])) via: 'claim' | 'reply';
}

@ApiSchema({ name: 'MessagePayload' })
class MessagePayload implements TicketEventPayload<'agent_replied'> {
  @ApiProperty(uuid) messageId: string;
  @ApiProperty(text) body: string;
  @ApiPropertyOptional(attachments) attachments?: AttachmentSchema[];
}

@ApiSchema({ name: 'CustomerRepliedPayload' })
class CustomerRepliedPayload extends MessagePayload implements TicketEventPayload<'customer_replied'> {
  @ApiPropertyOptional({ ...oneOf(CHANNELS), description: 'How it came; absent for the web (tracking page)' }) channel?: Channel;
  @ApiPropertyOptional({ ...text, description: 'By email: the sender address' }) from?: string;
  @ApiPropertyOptional({ type: Boolean, description: 'By email: DMARC failed for the sender, or the sender is not the ticket\'s customer. Recorded only: it changed nothing.' }) unverified?: boolean;
  @ApiPropertyOptional(takenInBy) takenInBy?: TakenInBySchema;
}

@ApiSchema({ name: 'StatusChangedPayload' })
class StatusChangedPayload implements TicketEventPayload<'status_changed'> {
  @ApiProperty(oneOf(TICKET_STATUSES)) from: TicketStatus;
  @ApiProperty(oneOf(TICKET_STATUSES)) to: TicketStatus;
  @ApiPropertyOptional({ ...optionalText, description: 'What solved it, when resolving' }) resolution?: string | null;
}

@ApiSchema({ name: 'ReopenedPayload' })
class ReopenedPayload implements TicketEventPayload<'reopened'> {
  @ApiProperty(oneOf(TICKET_STATUSES)) from: TicketStatus;
  @ApiProperty(integer) reopenCount: number;
}

@ApiSchema({ name: 'HandoffProposedPayload' })
class HandoffProposedPayload implements TicketEventPayload<'handoff_proposed'> {
  @ApiProperty(uuid) fromAgentId: string;
  @ApiProperty(uuid) toAgentId: string;
  @ApiProperty(text) toAgentName: string;
  @ApiProperty(text) note: string;
}

@ApiSchema({ name: 'HandoffAcceptedPayload' })
class HandoffAcceptedPayload implements TicketEventPayload<'handoff_accepted'> {
  @ApiProperty(uuid) fromAgentId: string;
  @ApiProperty(uuid) toAgentId: string;
  @ApiProperty(text) toAgentName: string;
}

@ApiSchema({ name: 'HandoffDeclinedPayload' })
class HandoffDeclinedPayload implements TicketEventPayload<'handoff_declined'> {
  @ApiProperty(uuid) fromAgentId: string;
  @ApiProperty(uuid) toAgentId: string;
  @ApiProperty({ type: Boolean, description: 'true when the owner withdrew the proposal' }) withdrawn: boolean;
}

@ApiSchema({ name: 'ReassignedPayload' })
class ReassignedPayload implements TicketEventPayload<'reassigned'> {
  @ApiProperty(optionalUuid) fromAgentId: string | null;
  @ApiProperty(uuid) toAgentId: string;
  @ApiProperty(text) toAgentName: string;
  @ApiProperty(text) reason: string;
}

@ApiSchema({ name: 'EscalationRequestedPayload' })
class EscalationRequestedPayload implements TicketEventPayload<'escalation_requested'> {
  @ApiProperty(level) fromLevel: number;
  @ApiProperty(level) toLevel: number;
  @ApiProperty(text) reason: string;
  @ApiProperty(uuids) watcherIds: string[];
}

@ApiSchema({ name: 'RepeatContactPayload' })
class RepeatContactPayload implements TicketEventPayload<'repeat_contact'> {
  @ApiProperty({ ...uuid, description: 'The newer ticket from the same customer' }) ticketId: string;
  @ApiProperty(text) code: string;
}

@ApiSchema({ name: 'RatedPayload' })
class RatedPayload implements TicketEventPayload<'rated'> {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 }) rating: number;
  @ApiProperty(optionalText) comment: string | null;
}

@ApiSchema({ name: 'SlaWarningPayload' })
class SlaWarningPayload implements TicketEventPayload<'sla_warning'> {
  @ApiProperty(oneOf(SLA_TARGETS)) target: SlaTarget;
  @ApiProperty({ type: String, format: 'date-time' }) dueAt: string;
  @ApiProperty(level) fromLevel: number;
  @ApiProperty(level) toLevel: number;
  @ApiProperty(uuids) notifiedIds: string[];
}

@ApiSchema({ name: 'PriorityChange' })
class PriorityChange {
  @ApiProperty(oneOf(PRIORITIES)) from: Priority;
  @ApiProperty(oneOf(PRIORITIES)) to: Priority;
}

@ApiSchema({ name: 'SlaEscalatedPayload' })
class SlaEscalatedPayload implements TicketEventPayload<'sla_escalated'> {
  @ApiProperty(oneOf(SLA_TARGETS)) target: SlaTarget;
  @ApiProperty(oneOf(['breach', 'critical'])) stage: 'breach' | 'critical';
  @ApiProperty({ type: String, format: 'date-time' }) dueAt: string;
  @ApiProperty(level) fromLevel: number;
  @ApiProperty(level) toLevel: number;
  @ApiProperty(uuids) watcherIds: string[];
  @ApiProperty(uuids) notifiedIds: string[];
  @ApiProperty({ type: () => PriorityChange, nullable: true, description: 'critical raises the priority one step' }) priority: PriorityChange | null;
}

@ApiSchema({ name: 'UpdateReminderPayload' })
class UpdateReminderPayload implements TicketEventPayload<'update_reminder'> {
  @ApiProperty({ type: String, format: 'date-time' }) dueAt: string;
  @ApiProperty(uuid) ownerId: string;
}

@ApiSchema({ name: 'DueTimeChange' })
class DueTimeChange {
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) from: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) to: string | null;
}

@ApiSchema({ name: 'CustomerTierChangedPayload' })
class CustomerTierChangedPayload implements TicketEventPayload<'customer_tier_changed'> {
  @ApiProperty(uuid) customerId: string;
  @ApiProperty(oneOf(CUSTOMER_TIERS)) from: CustomerTier;
  @ApiProperty(oneOf(CUSTOMER_TIERS)) to: CustomerTier;
  @ApiProperty({ type: () => DueTimeChange, description: 'unchanged once the first response was given' }) firstResponseDueAt: DueTimeChange;
  @ApiProperty({ type: () => DueTimeChange }) resolutionDueAt: DueTimeChange;
}

@ApiSchema({ name: 'CustomerMergedPayload' })
class CustomerMergedPayload implements TicketEventPayload<'customer_merged'> {
  @ApiProperty(uuid) fromCustomerId: string;
  @ApiProperty(text) fromCustomerName: string;
  @ApiProperty(uuid) toCustomerId: string;
  @ApiProperty(text) toCustomerName: string;
}

@ApiSchema({ name: 'TagsChangedPayload' })
class TagsChangedPayload implements TicketEventPayload<'tags_changed'> {
  @ApiProperty({ type: String, isArray: true }) added: string[];
  @ApiProperty({ type: String, isArray: true }) removed: string[];
}

@ApiSchema({ name: 'PriorityChangedPayload' })
class PriorityChangedPayload implements TicketEventPayload<'priority_changed'> {
  @ApiProperty(oneOf(PRIORITIES)) from: Priority;
  @ApiProperty(oneOf(PRIORITIES)) to: Priority;
}

@ApiSchema({ name: 'SlaReplannedPayload' })
class SlaReplannedPayload implements TicketEventPayload<'sla_replanned'> {
  @ApiProperty({ ...text, description: 'what changed: a calendar edited or imported, a team or policy given another calendar' }) reason: string;
  @ApiProperty({ type: () => DueTimeChange, description: 'unchanged once the first response was given' }) firstResponseDueAt: DueTimeChange;
  @ApiProperty({ type: () => DueTimeChange, description: 'unchanged while the clock waits for the customer' }) resolutionDueAt: DueTimeChange;
}

@ApiSchema({ name: 'BotAnsweredPayload' })
class BotAnsweredPayload implements TicketEventPayload<'bot_answered'> {
  @ApiProperty(uuid) articleId: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) articleVersion: number;
  @ApiProperty(text) title: string;
  @ApiProperty({ type: String, enum: ['en', 'zh-CN'] }) locale: string;
  @ApiProperty({ type: Number, minimum: 0, maximum: 1, description: 'articleMatchScore of the match' }) confidence: number;
  @ApiProperty({ type: Boolean, enum: [true], description: 'always true: an automatic answer' }) automatic: true;
  @ApiProperty({ type: String, format: 'date-time', description: 'the team queue shows the ticket from then on' }) holdUntil: string;
}

@ApiSchema({ name: 'BotResolvedPayload' })
class BotResolvedPayload implements TicketEventPayload<'bot_resolved'> {
  @ApiProperty({ type: Boolean, enum: [true] }) automatic: true;
}

@ApiSchema({ name: 'BotHandedOverPayload' })
class BotHandedOverPayload implements TicketEventPayload<'bot_handed_over'> {
  @ApiProperty({ type: String, enum: ['asked', 'timer', 'replied', 'claimed'] }) reason: 'asked' | 'timer' | 'replied' | 'claimed';
}

/** The payload schema of each event type; `satisfies` makes a new event type a compile error until it has one. */
export const EVENT_PAYLOADS = {
  created: CreatedPayload,
  claimed: ClaimedPayload,
  agent_replied: MessagePayload,
  internal_note_added: MessagePayload,
  customer_replied: CustomerRepliedPayload,
  status_changed: StatusChangedPayload,
  reopened: ReopenedPayload,
  handoff_proposed: HandoffProposedPayload,
  handoff_accepted: HandoffAcceptedPayload,
  handoff_declined: HandoffDeclinedPayload,
  reassigned: ReassignedPayload,
  escalation_requested: EscalationRequestedPayload,
  repeat_contact: RepeatContactPayload,
  rated: RatedPayload,
  sla_warning: SlaWarningPayload,
  sla_escalated: SlaEscalatedPayload,
  update_reminder: UpdateReminderPayload,
  customer_tier_changed: CustomerTierChangedPayload,
  customer_merged: CustomerMergedPayload,
  tags_changed: TagsChangedPayload,
  priority_changed: PriorityChangedPayload,
  sla_replanned: SlaReplannedPayload,
  bot_answered: BotAnsweredPayload,
  bot_resolved: BotResolvedPayload,
  bot_handed_over: BotHandedOverPayload,
} satisfies { [T in TicketEventType]: new () => TicketEventPayload<T> };
