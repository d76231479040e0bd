import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

export const AUDIT_PAGE_MAX = 200;
/** Rows in one CSV export; a larger range is refused (narrow the filter) rather than cut silently. */
export const AUDIT_EXPORT_MAX_ROWS = 10_000;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export class AuditQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only acts of this agent' }) @IsOptional() @IsUUID() actorId?: string;

  @ApiPropertyOptional({ example: 'agent.', description: 'Action name or its dotted prefix: `agent.` for every agent act, `sign_in.failed` for one' })
  @IsOptional() @IsString() @Matches(/^[a-z_.]{1,60}$/, { message: 'action must be lower-case letters, _ and . (at most 60)' })
  action?: string;

  @ApiPropertyOptional({ example: 'agent' }) @IsOptional() @IsString() @Matches(/^[a-z_]{1,40}$/, { message: 'targetType must be lower-case letters and _ (at most 40)' }) targetType?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) targetId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'From this instant (inclusive)' })
  @IsOptional() @IsString() @Matches(INSTANT, { message: 'from must be an ISO 8601 instant with a zone, e.g. 2026-12-01T00:00:00Z' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before this instant (exclusive)' })
  @IsOptional() @IsString() @Matches(INSTANT, { message: 'to must be an ISO 8601 instant with a zone, e.g. 2026-12-02T00:00:00Z' })
  to?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: AUDIT_PAGE_MAX }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(AUDIT_PAGE_MAX) limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: `csv: every matching entry (at most ${AUDIT_EXPORT_MAX_ROWS}) as a download; the export is itself audited` })
  @IsOptional() @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
