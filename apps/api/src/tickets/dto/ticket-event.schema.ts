import { ApiProperty, ApiPropertyOptional, ApiSchema, getSchemaPath, type ApiPropertyOptions } from '@nestjs/swagger';
import { TICKET_EVENT_TYPES, VISIBILITIES, type Actor, type TicketEventType, type Visibility } from '@firsthand/domain';
import type { LiveTicketEventOf } from '@firsthand/realtime-contracts';
import { integer, oneOf, text, time, uuid } from '../../http/dto/response-fields.js';
import { EVENT_PAYLOADS } from './ticket-event-payloads.schema.js';

@ApiSchema({ name: 'Actor' })
class ActorSchema {
  @ApiProperty(oneOf(['agent', 'customer', 'system'])) type: Actor['type'];
  @ApiPropertyOptional({ ...uuid, description: 'absent for the system' }) id?: string;
  @ApiPropertyOptional({ ...text, description: 'absent for the system' }) name?: string;
}

/** What every ticket event carries besides its type and payload. */
class TicketEventFields implements Omit<LiveTicketEventOf<TicketEventType>, 'type' | 'payload'> {
  @ApiProperty(text) id: string;
  @ApiProperty(uuid) ticketId: string;
  @ApiProperty(integer) seq: number;
  @ApiProperty(oneOf(VISIBILITIES)) visibility: Visibility;
  @ApiProperty({ type: () => ActorSchema }) actor: Actor;
  @ApiProperty(time) createdAt: string;
}

const pascal = (type: string) => type.replace(/(^|_)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());

/** One event type as its own schema (`ClaimedEvent`, …): `type` fixed, `payload` that type's fields. */
function eventSchema(type: TicketEventType) {
  class OneTypeOfEvent extends TicketEventFields {}
  ApiProperty({ type: String, enum: [type] })(OneTypeOfEvent.prototype, 'type');
  ApiProperty({ type: () => EVENT_PAYLOADS[type] })(OneTypeOfEvent.prototype, 'payload');
  ApiSchema({ name: `${pascal(type)}Event` })(OneTypeOfEvent);
  return OneTypeOfEvent;
}

/** Every event type's schema: list them in @ApiExtraModels where `ticketEventList` is used. */
export const TICKET_EVENT_SCHEMAS = TICKET_EVENT_TYPES.map(eventSchema);

/** A list of ticket events (TicketEventView in @firsthand/http-contracts): `type` decides the schema. */
export const ticketEventList = {
  type: 'array',
  items: {
    oneOf: TICKET_EVENT_SCHEMAS.map((schema) => ({ $ref: getSchemaPath(schema) })),
    discriminator: { propertyName: 'type', mapping: Object.fromEntries(TICKET_EVENT_TYPES.map((type, i) => [type, getSchemaPath(TICKET_EVENT_SCHEMAS[i])])) },
  },
} satisfies ApiPropertyOptions;
