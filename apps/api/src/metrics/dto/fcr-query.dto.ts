import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { METRICS_GROUPINGS, type MetricsGrouping } from '@firsthand/domain';
import { IsIn, IsOptional, registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

export const MAX_RANGE_DAYS = 400;
const DAY_MS = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' that names a real calendar date; null otherwise. */
export function epochDay(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = LOCAL_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

function IsLocalDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isLocalDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a calendar date as YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => epochDay(value) !== null },
    });
}

/** `to` is on or after `from` and the range, both ends included, spans at most `maxDays`; only judged once both are dates. */
function IsRangeEndWithin(startProperty: string, maxDays: number) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isRangeEndWithin',
      target: object.constructor,
      propertyName,
      constraints: [startProperty, maxDays],
      options: {
        message: (args: ValidationArguments) => {
          const start = epochDay((args.object as Record<string, unknown>)[startProperty]);
          const end = epochDay(args.value);
          return start !== null && end !== null && end < start
            ? `${propertyName} must not be before ${startProperty}`
            : `the range from ${startProperty} to ${propertyName} must span at most ${maxDays} days`;
        },
      },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const start = epochDay((args.object as Record<string, unknown>)[startProperty]);
          const end = epochDay(value);
          if (start === null || end === null) return true;
          return end >= start && end - start + 1 <= maxDays;
        },
      },
    });
}

export class FcrQuery {
  @ApiProperty({ description: 'First local day (YYYY-MM-DD) in the metrics time zone, included', example: '2026-03-01' })
  @IsLocalDate()
  from: string;

  @ApiProperty({ description: `Last local day, included; at most ${MAX_RANGE_DAYS} days after from`, example: '2026-03-31' })
  @IsLocalDate()
  @IsRangeEndWithin('from', MAX_RANGE_DAYS)
  to: string;

  @ApiPropertyOptional({ enum: METRICS_GROUPINGS, default: 'day', description: 'agent groups by first responder' })
  @IsOptional()
  @IsIn(METRICS_GROUPINGS)
  groupBy?: MetricsGrouping;
}
