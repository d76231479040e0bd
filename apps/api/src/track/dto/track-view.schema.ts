import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { CHANNELS, TICKET_EVENT_TYPES, TICKET_STATUSES, type Channel, type CustomerTimelineEntry, type TicketEventType, type TicketStatus } from '@firsthand/domain';
import type { TrackPromise, TrackStage, TrackView } from '@firsthand/http-contracts';
import { integer, oneOf, optionalText, optionalTime, text, time } from '../../http/dto/response-fields.js';
import { CsatSchema } from '../../tickets/dto/ticket-view.schema.js';

const TRACK_STAGES = ['submitted', 'in_progress', 'waiting_for_you', 'resolved', 'closed'] as const satisfies readonly TrackStage[];

@ApiSchema({ name: 'TrackPromise' })
class TrackPromiseSchema implements TrackPromise {
  @ApiProperty({ ...optionalText, description: 'null until an agent owns the ticket' }) ownerName: string | null;
  @ApiProperty(optionalTime) nextUpdateDueAt: string | null;
  @ApiProperty(optionalTime) resolutionDueAt: string | null;
}

@ApiSchema({ name: 'CustomerTimelineAuthor' })
class TimelineAuthorSchema {
  @ApiProperty(oneOf(['agent', 'customer', 'system'])) type: CustomerTimelineEntry['by']['type'];
  @ApiProperty(optionalText) name: string | null;
}

@ApiSchema({ name: 'CustomerTimelineEntry' })
class TimelineEntrySchema implements CustomerTimelineEntry {
  @ApiProperty(integer) seq: number;
  @ApiProperty(oneOf(TICKET_EVENT_TYPES)) type: TicketEventType;
  @ApiProperty(time) at: string;
  @ApiProperty({ type: () => TimelineAuthorSchema }) by: TimelineAuthorSchema;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Only the fields meant for the customer' }) data: Record<string, unknown>;
}

/** `TrackView` in the OpenAPI document. */
@ApiSchema({ name: 'TrackAutomaticAnswer' })
class TrackAutomaticAnswerSchema {
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ type: String, description: 'The article as sent, sanitised HTML (no scripts or event handlers)' }) html: string;
  @ApiProperty({ type: String, enum: ['en', 'zh-CN'] }) locale: 'en' | 'zh-CN';
  @ApiProperty({ type: Boolean, description: 'true while "This solved it" / "I need a person" may still be chosen' }) awaitingChoice: boolean;
}

@ApiSchema({ name: 'TrackView' })
export class TrackViewSchema implements TrackView {
  @ApiProperty(text) code: string;
  @ApiProperty(text) subject: string;
  @ApiProperty({ ...text, description: 'What the customer wrote when they opened the issue' }) description: string;
  @ApiProperty(oneOf(TICKET_STATUSES)) status: TicketStatus;
  @ApiProperty(oneOf(TRACK_STAGES)) stage: TrackStage;
  @ApiProperty(oneOf(CHANNELS)) channel: Channel;
  @ApiProperty(time) createdAt: string;
  @ApiProperty(optionalTime) resolvedAt: string | null;
  @ApiProperty(optionalText) resolution: string | null;
  @ApiProperty({ type: () => TrackPromiseSchema }) promise: TrackPromiseSchema;
  @ApiProperty(optionalTime) canReopenUntil: string | null;
  @ApiProperty({ type: () => CsatSchema, nullable: true }) feedback: CsatSchema | null;
  @ApiProperty({ description: 'Whether the customer may rate it now: resolved or closed, not yet rated, and not closed as spam' }) rateable: boolean;
  @ApiProperty(integer) lastSeq: number;
  @ApiProperty({ type: () => [TimelineEntrySchema] }) timeline: TimelineEntrySchema[];
  @ApiProperty({ type: () => TrackAutomaticAnswerSchema, nullable: true, description: 'The bot\'s answer as sent; null when it did not answer' })
  automaticAnswer: TrackAutomaticAnswerSchema | null;
}
