import { ApiExtraModels, ApiProperty, ApiSchema } from '@nestjs/swagger';
import { CHANNELS, CUSTOMER_TIERS, PRIORITIES, TICKET_KINDS, TICKET_STATUSES, type Channel, type CustomerTier, type Priority, type TicketKind, type TicketStatus } from '@firsthand/domain';
import type { AutomaticAnswerView, OpenedTicket, TicketChange, TicketEventPage, TicketEventView, TicketPage } from '@firsthand/http-contracts';
import { integer, oneOf, optionalText, optionalUuid, text, time, uuid } from '../../http/dto/response-fields.js';
import { TICKET_EVENT_SCHEMAS, ticketEventList } from './ticket-event.schema.js';
import { TicketSlaSchema, TicketViewSchema } from './ticket-view.schema.js';

@ApiSchema({ name: 'TicketPage' })
export class TicketPageSchema implements TicketPage {
  @ApiProperty({ type: () => [TicketViewSchema] }) items: TicketViewSchema[];
  @ApiProperty({ ...optionalText, description: 'Pass as cursor for the next page; null on the last' }) nextCursor: string | null;
}

@ApiSchema({ name: 'TicketEventPage' })
@ApiExtraModels(...TICKET_EVENT_SCHEMAS)
export class TicketEventPageSchema implements TicketEventPage {
  @ApiProperty(ticketEventList) items: TicketEventView[];
  @ApiProperty(integer) lastSeq: number;
}

@ApiSchema({ name: 'TicketChange' })
@ApiExtraModels(...TICKET_EVENT_SCHEMAS)
export class TicketChangeSchema implements TicketChange {
  @ApiProperty({ type: () => TicketViewSchema }) ticket: TicketViewSchema;
  @ApiProperty({ ...ticketEventList, description: 'The events this action wrote' }) events: TicketEventView[];
}

@ApiSchema({ name: 'AutomaticAnswer' })
export class AutomaticAnswerSchema implements AutomaticAnswerView {
  @ApiProperty(uuid) articleId: string;
  @ApiProperty(text) title: string;
  @ApiProperty({ type: String, enum: ['en', 'zh-CN'] }) locale: 'en' | 'zh-CN';
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
  @ApiProperty({ type: () => AutomaticAnswerSchema, nullable: true, description: 'The bot answered a standard question with this article; null: a person will' })
  automaticAnswer: AutomaticAnswerSchema | null;
}
