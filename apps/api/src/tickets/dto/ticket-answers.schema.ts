import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import {
  CHANNELS,
  CUSTOMER_TIERS,
  PRIORITIES,
  TICKET_EVENT_TYPES,
  TICKET_KINDS,
  TICKET_STATUSES,
  VISIBILITIES,
  type Actor,
  type Channel,
  type CustomerTier,
  type Priority,
  type TicketEventType,
  type TicketKind,
  type TicketStatus,
  type Visibility,
} from '@firsthand/domain';
import type { OpenedTicket, TicketChange, TicketEventPage, TicketEventView, TicketPage } from '@firsthand/http-contracts';
import type { LiveTicketEventOf } from '@firsthand/realtime-contracts';
import { integer, oneOf, optionalText, optionalUuid, text, time, uuid } from '../../http/dto/response-fields.js';
import { TicketSlaSchema, TicketViewSchema } from './ticket-view.schema.js';

@ApiSchema({ name: 'Actor' })
class ActorSchema {
  @ApiProperty(oneOf(['agent', 'customer', 'system'])) type: Actor['type'];
  @ApiPropertyOptional({ ...uuid, description: 'absent for the system' }) id?: string;
  @ApiPropertyOptional({ ...text, description: 'absent for the system' }) name?: string;
}

/** A ticket event, over REST and on the live stream; `type` decides the payload's fields. */
@ApiSchema({ name: 'TicketEventView' })
export class TicketEventSchema implements LiveTicketEventOf<TicketEventType> {
  @ApiProperty(text) id: string;
  @ApiProperty(uuid) ticketId: string;
  @ApiProperty(integer) seq: number;
  @ApiProperty(oneOf(TICKET_EVENT_TYPES)) type: TicketEventType;
  @ApiProperty(oneOf(VISIBILITIES)) visibility: Visibility;
  @ApiProperty({ type: () => ActorSchema }) actor: Actor;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The fields of this event type (TicketEventPayloads in libs/domain)' })
  payload: TicketEventView['payload'];
  @ApiProperty(time) createdAt: string;
}

@ApiSchema({ name: 'TicketPage' })
export class TicketPageSchema implements TicketPage {
  @ApiProperty({ type: () => [TicketViewSchema] }) items: TicketViewSchema[];
  @ApiProperty({ ...optionalText, description: 'Pass as cursor for the next page; null on the last' }) nextCursor: string | null;
}

@ApiSchema({ name: 'TicketEventPage' })
export class TicketEventPageSchema implements TicketEventPage {
  @ApiProperty({ type: () => [TicketEventSchema] }) items: TicketEventView[];
  @ApiProperty(integer) lastSeq: number;
}

@ApiSchema({ name: 'TicketChange' })
export class TicketChangeSchema implements TicketChange {
  @ApiProperty({ type: () => TicketViewSchema }) ticket: TicketViewSchema;
  @ApiProperty({ type: () => [TicketEventSchema], description: 'The events this action wrote' }) events: TicketEventView[];
}

@ApiSchema({ name: 'OpenedTicket' })
export class OpenedTicketSchema implements OpenedTicket {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) code: string;
  @ApiProperty({ ...text, description: 'Shown this once: the customer needs it to follow the ticket' }) trackingToken: string;
  @ApiProperty(text) trackingUrl: string;
  @ApiProperty(oneOf(TICKET_STATUSES)) status: TicketStatus;
  @ApiProperty(text) subject: string;
  @ApiProperty(oneOf(CHANNELS)) channel: Channel;
  @ApiProperty(oneOf(TICKET_KINDS)) kind: TicketKind;
  @ApiProperty(oneOf(PRIORITIES)) priority: Priority;
  @ApiProperty(oneOf(CUSTOMER_TIERS)) tier: CustomerTier;
  @ApiProperty(optionalUuid) repeatOfTicketId: string | null;
  @ApiProperty(time) createdAt: string;
  @ApiProperty({ type: () => TicketSlaSchema }) sla: TicketSlaSchema;
}
