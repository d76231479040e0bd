import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { METRICS_GROUPINGS, type MetricsGrouping, type SlaAttainment } from '@firsthand/domain';
import type { BotAndSelfServiceFigures, FcrFigures, FcrGroup, FcrReport, FcrWindows, Percentiles, SlaBreachCounts } from '@firsthand/http-contracts';
import { ResolutionCountsSchema } from './resolution-counts.schema.js';
import { integer, oneOf, optionalInteger, optionalText, share, text } from '../../http/dto/response-fields.js';

@ApiSchema({ name: 'Percentiles' })
class PercentilesSchema implements Percentiles {
  @ApiProperty({ ...optionalInteger, description: 'Upper bound in seconds of the bucket holding the median; null when nothing was measured or past 90 days' }) p50: number | null;
  @ApiProperty(optionalInteger) p90: number | null;
  @ApiProperty(integer) count: number;
}

@ApiSchema({ name: 'SlaBreachCounts' })
class SlaBreachCountsSchema implements SlaBreachCounts {
  @ApiProperty(integer) firstResponse: number;
  @ApiProperty(integer) resolution: number;
  @ApiProperty(integer) any: number;
}

@ApiSchema({ name: 'SlaAttainment' })
class SlaAttainmentSchema implements SlaAttainment {
  @ApiProperty(share) firstResponse: number | null;
  @ApiProperty(share) resolution: number | null;
  @ApiProperty({ ...share, description: 'met every target' }) overall: number | null;
}

@ApiSchema({ name: 'FcrWindows' })
class FcrWindowsSchema implements FcrWindows {
  @ApiProperty(integer) reopenDays: number;
  @ApiProperty(integer) repeatContactDays: number;
}

@ApiSchema({ name: 'FcrFigures' })
class FcrFiguresSchema extends ResolutionCountsSchema implements FcrFigures {
  @ApiProperty(integer) reopened: number;
  @ApiProperty(integer) repeatContacts: number;
  @ApiProperty(integer) handoffs: number;
  @ApiProperty(integer) escalatedPastWarning: number;
  @ApiProperty({ type: () => SlaBreachCountsSchema }) slaBreaches: SlaBreachCountsSchema;
  @ApiProperty({ type: () => SlaAttainmentSchema }) slaAttainment: SlaAttainmentSchema;
  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 5 }) csatAverage: number | null;
  @ApiProperty(integer) csatCount: number;
  @ApiProperty({ type: () => PercentilesSchema, description: 'Wall clock, from creation to the first response' }) firstResponseSeconds: PercentilesSchema;
  @ApiProperty({ type: () => PercentilesSchema, description: 'Wall clock, from creation to the counted resolution' }) resolutionSeconds: PercentilesSchema;
  @ApiProperty({
    type: () => PercentilesSchema,
    description: "Business time: the working seconds of each ticket's SLA calendar (policy, team or default) from creation to the first response",
  })
  firstResponseBusinessSeconds: PercentilesSchema;
  @ApiProperty({ type: () => PercentilesSchema, description: "Business time, from creation to the counted resolution (customer waits included, as on the wall clock)" })
  resolutionBusinessSeconds: PercentilesSchema;
}

@ApiSchema({ name: 'FcrGroup' })
class FcrGroupSchema extends FcrFiguresSchema implements FcrGroup {
  @ApiProperty({ ...optionalText, description: 'The agent, team, channel or tier id, or the day or week' }) key: string | null;
  @ApiProperty(optionalText) name: string | null;
}

@ApiSchema({ name: 'BotHandovers' })
class BotHandoversSchema {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'the customer chose "I need a person"' }) asked: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'the hold ran out without an answer' }) timer: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'the customer wrote back during the hold' }) replied: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'an agent claimed it during the hold' }) claimed: number;
}

@ApiSchema({ name: 'BotTimeToPerson' })
class BotTimeToPersonSchema {
  @ApiProperty({ type: 'integer', minimum: 0 }) count: number;
  @ApiProperty({ type: 'integer', nullable: true }) medianMs: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) p90Ms: number | null;
}

@ApiSchema({ name: 'BotAndSelfService' })
class BotAndSelfServiceSchema implements BotAndSelfServiceFigures {
  @ApiProperty({ type: 'integer', minimum: 0, description: '"This answered my question" on the new-issue form (no ticket opened)' }) deflected: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) botAnswered: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: '"This solved it": resolved with no person; not in the agents\' rates' }) botResolved: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) stillHeld: number;
  @ApiProperty({ type: () => BotHandoversSchema, description: '"claimed": an agent claimed it or a supervisor assigned it' }) handedToPerson: BotHandoversSchema;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Held tickets closed with nobody on them (as spam, or for an erasure)' }) closedWhileHeld: number;
  @ApiProperty({ type: () => BotTimeToPersonSchema, description: 'creation to first claim of the answered tickets a person took' }) timeToPerson: BotTimeToPersonSchema;
}

/** `FcrReport` in the OpenAPI document. */
@ApiSchema({ name: 'FcrReport' })
export class FcrReportSchema implements FcrReport {
  @ApiProperty({ ...text, format: 'date' }) from: string;
  @ApiProperty({ ...text, format: 'date' }) to: string;
  @ApiProperty(oneOf(METRICS_GROUPINGS)) groupBy: MetricsGrouping;
  @ApiProperty(text) timeZone: string;
  @ApiProperty({ type: () => FcrWindowsSchema }) windows: FcrWindowsSchema;
  @ApiProperty({ type: () => [FcrGroupSchema] }) groups: FcrGroupSchema[];
  @ApiProperty({ type: () => FcrFiguresSchema, description: 'The agents\' figures: tickets a person handled only' }) total: FcrFiguresSchema;
  @ApiProperty({ type: () => BotAndSelfServiceSchema }) botAndSelfService: BotAndSelfServiceSchema;
}
