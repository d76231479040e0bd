import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { commaList } from '../../http/dto/comma-list.js';

export const REVIEWABLE_OUTCOMES = ['ignored', 'quarantined', 'opened', 'continued'] as const;

export class ListInboundMailsQuery {
  @ApiPropertyOptional({ description: `Comma-separated: ${REVIEWABLE_OUTCOMES.join(', ')}; default quarantined,ignored` })
  @IsOptional()
  @Transform(commaList)
  @ArrayMaxSize(REVIEWABLE_OUTCOMES.length)
  @IsIn(REVIEWABLE_OUTCOMES, { each: true })
  outcome?: Array<(typeof REVIEWABLE_OUTCOMES)[number]>;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}
