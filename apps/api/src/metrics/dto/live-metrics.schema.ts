import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { LiveMetricsView } from '@firsthand/http-contracts';
import type { LiveAgentLoad, LiveBreaches, LiveBreachingTicket, LiveOpenQueue, LiveToday } from '@firsthand/realtime-contracts';
import { ResolutionCountsSchema } from './resolution-counts.schema.js';
import { PRESENCES, type Presence } from '@firsthand/domain';
import { integer, oneOf, optionalTime, optionalUuid, text, time, uuid } from '../../http/dto/response-fields.js';

@ApiSchema({ name: 'LiveToday' })
class LiveTodaySchema extends ResolutionCountsSchema implements LiveToday {
  @ApiProperty({ ...text, format: 'date' }) day: string;
}

@ApiSchema({ name: 'LiveOpenQueue' })
class LiveOpenQueueSchema implements LiveOpenQueue {
  @ApiProperty(integer) total: number;
  @ApiProperty({ ...integer, description: 'Unresolved tickets nobody claimed (status new), in every team' }) unclaimed: number;
  @ApiProperty({ ...integer, description: 'Of unclaimed, those the bot holds now: answered automatically and left out of the team queue until the hold ends' })
  unclaimedHeldByBot: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Open tickets by age: under_1h, 1h_to_4h, 4h_to_24h, 1d_to_3d, 3d_to_7d, over_7d' })
  byAge: Record<string, number>;
}

@ApiSchema({ name: 'LiveBreachingTicket' })
class LiveBreachingTicketSchema implements LiveBreachingTicket {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) code: string;
  @ApiProperty(text) status: string;
  @ApiProperty(optionalUuid) ownerId: string | null;
  @ApiProperty(optionalUuid) teamId: string | null;
  @ApiProperty(optionalTime) firstResponseDueAt: string | null;
  @ApiProperty(optionalTime) resolutionDueAt: string | null;
  @ApiProperty({ type: String, enum: ['first_response', 'resolution'], isArray: true }) breached: Array<'first_response' | 'resolution'>;
}

@ApiSchema({ name: 'LiveBreaches' })
class LiveBreachesSchema implements LiveBreaches {
  @ApiProperty(integer) firstResponse: number;
  @ApiProperty(integer) resolution: number;
  @ApiProperty(integer) total: number;
  @ApiProperty({ type: () => [LiveBreachingTicketSchema] }) tickets: LiveBreachingTicketSchema[];
}

@ApiSchema({ name: 'LiveAgentLoad' })
class LiveAgentLoadSchema implements LiveAgentLoad {
  @ApiProperty(uuid) agentId: string;
  @ApiProperty(text) name: string;
  @ApiProperty(text) role: string;
  @ApiProperty(optionalUuid) teamId: string | null;
  @ApiProperty(integer) open: number;
  @ApiProperty(integer) pendingCustomer: number;
  @ApiProperty(integer) total: number;
  @ApiProperty({ ...oneOf(PRESENCES), description: 'Online or away (as the agent chose) while a console of theirs is connected, else offline' }) presence: Presence;
}

/** `LiveMetricsView` in the OpenAPI document: the same figures `metrics.changed` pushes. */
@ApiSchema({ name: 'LiveMetricsView' })
export class LiveMetricsViewSchema implements LiveMetricsView {
  @ApiProperty({ ...time, description: 'When the figures were read' }) now: string;
  @ApiProperty(text) timeZone: string;
  @ApiProperty({ type: () => LiveTodaySchema }) today: LiveTodaySchema;
  @ApiProperty({ type: () => LiveOpenQueueSchema }) open: LiveOpenQueueSchema;
  @ApiProperty({ type: () => LiveBreachesSchema }) breachingNow: LiveBreachesSchema;
  @ApiProperty({ type: () => [LiveAgentLoadSchema], description: 'Active agents who take tickets; supervisors and admins only while they own some' }) agents: LiveAgentLoadSchema[];
}
