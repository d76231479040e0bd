import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { CHANNELS, CUSTOMER_TIERS, LOCALES, PRIORITIES, TICKET_KINDS, TICKET_STATUSES, type Channel, type CustomerTier, type Locale, type Priority, type TicketKind, type TicketStatus } from '@firsthand/domain';
import type { Csat, TicketCustomer, TicketPerson, TicketSla, TicketView } from '@firsthand/http-contracts';
import { integer, oneOf, optionalText, optionalTime, optionalUuid, text, time, uuid } from '../../http/dto/response-fields.js';

@ApiSchema({ name: 'TicketPerson' })
export class TicketPersonSchema implements TicketPerson {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) name: string;
}

@ApiSchema({ name: 'TicketCustomer' })
class TicketCustomerSchema implements TicketCustomer {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) name: string;
  @ApiProperty(optionalText) email: string | null;
  @ApiProperty(optionalText) phone: string | null;
  @ApiProperty(oneOf(CUSTOMER_TIERS)) tier: CustomerTier;
  @ApiProperty(oneOf(LOCALES)) locale: Locale;
}

@ApiSchema({ name: 'TicketSla' })
export class TicketSlaSchema implements TicketSla {
  @ApiProperty(optionalTime) firstResponseDueAt: string | null;
  @ApiProperty(optionalTime) nextUpdateDueAt: string | null;
  @ApiProperty(optionalTime) resolutionDueAt: string | null;
  @ApiProperty({ ...optionalTime, description: 'When 80% of the first-response working time is spent (business time on the ticket\'s calendar)' }) firstResponseWarnAt: string | null;
  @ApiProperty({ ...optionalTime, description: 'When 80% of the working time to the promised update is spent' }) nextUpdateWarnAt: string | null;
  @ApiProperty({ ...optionalTime, description: 'When 80% of the resolution working time is spent' }) resolutionWarnAt: string | null;
  @ApiProperty({ ...optionalTime, description: 'Since when the resolution clock is stopped while the ticket waits for the customer (null while it runs); the due time moves by the wait when it restarts' })
  resolutionPausedAt: string | null;
}

@ApiSchema({ name: 'Csat' })
export class CsatSchema implements Csat {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 }) rating: number;
  @ApiProperty(optionalText) comment: string | null;
}

const person = { type: () => TicketPersonSchema, nullable: true };

/** `TicketView` in the OpenAPI document. */
@ApiSchema({ name: 'TicketBot' })
class TicketBotSchema {
  @ApiProperty({ type: String, enum: ['held', 'resolved', 'asked', 'timer', 'replied', 'claimed'], description: 'held: the bot waits for the customer and the team queue does not show the ticket until holdUntil; otherwise how the hold ended' })
  outcome: 'held' | 'resolved' | 'asked' | 'timer' | 'replied' | 'claimed';
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) holdUntil: string | null;
}

@ApiSchema({ name: 'TicketView' })
export class TicketViewSchema implements TicketView {
  @ApiProperty(uuid) id: string;
  @ApiProperty({ ...text, example: 'FH-7K3M9Q' }) code: string;
  @ApiProperty(text) subject: string;
  @ApiProperty(text) description: string;
  @ApiProperty(oneOf(CHANNELS)) channel: Channel;
  @ApiProperty(oneOf(TICKET_KINDS)) kind: TicketKind;
  @ApiProperty(oneOf(PRIORITIES)) priority: Priority;
  @ApiProperty(oneOf(CUSTOMER_TIERS)) tier: CustomerTier;
  @ApiProperty(oneOf(TICKET_STATUSES)) status: TicketStatus;
  @ApiProperty(optionalUuid) teamId: string | null;
  @ApiProperty({ ...person, description: 'Who owns the ticket until it is solved' }) owner: TicketPersonSchema | null;
  @ApiProperty(person) firstResponder: TicketPersonSchema | null;
  @ApiProperty({ ...person, description: 'The agent a handoff was proposed to' }) pendingHandoffTo: TicketPersonSchema | null;
  @ApiProperty(person) offeredTo: TicketPersonSchema | null;
  @ApiProperty(optionalUuid) repeatOfTicketId: string | null;
  @ApiProperty({ type: () => TicketCustomerSchema }) customer: TicketCustomerSchema;
  @ApiProperty(time) createdAt: string;
  @ApiProperty(optionalTime) firstResponseAt: string | null;
  @ApiProperty(optionalTime) lastCustomerVisibleUpdateAt: string | null;
  @ApiProperty(optionalTime) resolvedAt: string | null;
  @ApiProperty(optionalTime) closedAt: string | null;
  @ApiProperty({ type: () => TicketSlaSchema }) sla: TicketSlaSchema;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 3 }) escalationLevel: number;
  @ApiProperty(integer) reopenCount: number;
  @ApiProperty(integer) transferCount: number;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty(optionalText) resolution: string | null;
  @ApiProperty({ type: () => CsatSchema, nullable: true }) csat: CsatSchema | null;
  @ApiProperty({ type: () => TicketBotSchema, nullable: true, description: 'The bot answered it (issue 16); null: it never did' }) bot: TicketBotSchema | null;
  @ApiProperty({ ...integer, description: 'The seq of the latest event: send it back as expectedSeq' }) lastSeq: number;
}
