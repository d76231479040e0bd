import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { CHANNELS, CUSTOMER_TIERS, LOCALES, PRIORITIES, TICKET_KINDS, TICKET_STATUSES, type Channel, type CustomerTier, type Locale, type Priority, type TicketKind, type TicketStatus } from '@firsthand/domain';
import type {
  CustomerCard, CustomerChangeAnswer, CustomerMatchList, CustomerProfile, CustomerRating, CustomerRepeatContact, CustomerTicketSummary, MergedContact,
} from '@firsthand/http-contracts';
import { integer, oneOf, optionalText, optionalTime, optionalUuid, text, time, uuid } from '../../http/dto/response-fields.js';
import { TicketPersonSchema } from '../../tickets/dto/ticket-view.schema.js';

@ApiSchema({ name: 'CustomerCard' })
export class CustomerCardSchema implements CustomerCard {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) name: string;
  @ApiProperty(optionalText) email: string | null;
  @ApiProperty(optionalText) phone: string | null;
  @ApiProperty(oneOf(CUSTOMER_TIERS)) tier: CustomerTier;
  @ApiProperty(oneOf(LOCALES)) locale: Locale;
  @ApiProperty(time) createdAt: string;
}

@ApiSchema({ name: 'TicketRef' })
class TicketRefSchema {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) code: string;
}

@ApiSchema({ name: 'CustomerTicketSummary' })
class CustomerTicketSummarySchema implements CustomerTicketSummary {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) code: string;
  @ApiProperty(text) subject: string;
  @ApiProperty(oneOf(TICKET_STATUSES)) status: TicketStatus;
  @ApiProperty(oneOf(PRIORITIES)) priority: Priority;
  @ApiProperty(oneOf(TICKET_KINDS)) kind: TicketKind;
  @ApiProperty(oneOf(CHANNELS)) channel: Channel;
  @ApiProperty({ ...oneOf(CUSTOMER_TIERS), description: "The ticket's own tier copy" }) tier: CustomerTier;
  @ApiProperty({ type: () => TicketPersonSchema, nullable: true }) owner: TicketPersonSchema | null;
  @ApiProperty(time) createdAt: string;
  @ApiProperty(optionalTime) resolvedAt: string | null;
  @ApiProperty({ type: () => TicketRefSchema, nullable: true, description: 'The earlier ticket this one repeats, when the agent may see it' }) repeatOf: TicketRefSchema | null;
}

@ApiSchema({ name: 'CustomerTicketList' })
class CustomerTicketListSchema {
  @ApiProperty({ type: () => [CustomerTicketSummarySchema] }) items: CustomerTicketSummarySchema[];
  @ApiProperty({ ...optionalText, description: 'Pass as cursor for the next page; null on the last' }) nextCursor: string | null;
}

@ApiSchema({ name: 'CustomerRating' })
class CustomerRatingSchema implements CustomerRating {
  @ApiProperty(uuid) ticketId: string;
  @ApiProperty(text) code: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 }) rating: number;
  @ApiProperty(optionalText) comment: string | null;
  @ApiProperty(time) ratedAt: string;
}

@ApiSchema({ name: 'CustomerRepeatContact' })
class CustomerRepeatContactSchema implements CustomerRepeatContact {
  @ApiProperty(uuid) ticketId: string;
  @ApiProperty(text) code: string;
  @ApiProperty(time) createdAt: string;
  @ApiProperty(uuid) repeatOfTicketId: string;
  @ApiProperty(text) repeatOfCode: string;
}

@ApiSchema({ name: 'MergedContact' })
class MergedContactSchema implements MergedContact {
  @ApiProperty({ ...uuid, description: 'The merged-away record that keeps it' }) customerId: string;
  @ApiProperty(optionalText) email: string | null;
  @ApiProperty(optionalText) phone: string | null;
  @ApiProperty(time) mergedAt: string;
}

@ApiSchema({ name: 'CustomerCounts' })
class CustomerCountsSchema {
  @ApiProperty({ ...integer, description: 'Tickets the agent may see' }) tickets: number;
  @ApiProperty(integer) open: number;
  @ApiProperty(integer) resolved: number;
  @ApiProperty(integer) repeatContacts: number;
  @ApiProperty(integer) rated: number;
  @ApiProperty({ ...integer, description: 'Tickets of this customer the agent may not see (other teams)' }) hidden: number;
}

@ApiSchema({ name: 'CustomerProfile' })
export class CustomerProfileSchema extends CustomerCardSchema implements CustomerProfile {
  @ApiProperty({ ...optionalUuid, description: 'The id asked for, when it was a record merged into this one' }) mergedFromId: string | null;
  @ApiProperty({ type: () => [MergedContactSchema] }) otherContacts: MergedContactSchema[];
  @ApiProperty({ type: () => CustomerCountsSchema }) counts: CustomerCountsSchema;
  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 5, description: 'Over the rated tickets the agent may see' }) averageRating: number | null;
  @ApiProperty({ type: () => CustomerTicketListSchema, description: 'Newest first' }) tickets: CustomerTicketListSchema;
  @ApiProperty({ type: () => [CustomerRatingSchema], description: 'Newest first, at most 50' }) csatHistory: CustomerRatingSchema[];
  @ApiProperty({ type: () => [CustomerRepeatContactSchema], description: 'Newest first, at most 50' }) repeatContacts: CustomerRepeatContactSchema[];
}

@ApiSchema({ name: 'CustomerMatch' })
class CustomerMatchSchema extends CustomerCardSchema {
  @ApiProperty(integer) ticketCount: number;
}

@ApiSchema({ name: 'CustomerMatchList' })
export class CustomerMatchListSchema implements CustomerMatchList {
  @ApiProperty({ type: () => [CustomerMatchSchema] }) items: CustomerMatchSchema[];
}

@ApiSchema({ name: 'CustomerChangeAnswer' })
export class CustomerChangeAnswerSchema implements CustomerChangeAnswer {
  @ApiProperty({ type: () => CustomerCardSchema }) customer: CustomerCardSchema;
  @ApiProperty({ type: () => [TicketRefSchema], description: 'The tickets the act changed (each has a new timeline event)' }) changedTickets: TicketRefSchema[];
}
