import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CUSTOMER_TIERS, PRIORITIES, SLA_TARGET_MINUTES, type CustomerTier, type Priority } from '@firsthand/domain';
import { IsIn, IsNumber, IsOptional, IsUUID, Max, Min, ValidateIf } from 'class-validator';
import { IsInstant } from '../http/dto/instant.js';

const { min: ONE_SECOND, max: YEAR_MINUTES } = SLA_TARGET_MINUTES;
const atLeastOneSecond = { message: ({ property }: { property: string }) => `${property} must be at least one second (1/60 of a minute)` };
const minutes = () => IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 });

export class SlaPolicyParams {
  @ApiProperty({ enum: PRIORITIES }) @IsIn(PRIORITIES) priority: Priority;
  @ApiProperty({ enum: CUSTOMER_TIERS }) @IsIn(CUSTOMER_TIERS) tier: CustomerTier;
}

export class SlaTargetsDto {
  @ApiProperty({ description: 'minutes from creation to the first response (fractions allowed, stored to the second)' }) @minutes() @Min(ONE_SECOND, atLeastOneSecond) @Max(YEAR_MINUTES) firstResponseMinutes: number;
  @ApiProperty({ description: 'minutes the owner may go without updating the customer' }) @minutes() @Min(ONE_SECOND, atLeastOneSecond) @Max(YEAR_MINUTES) updateCadenceMinutes: number;
  @ApiProperty({ description: 'minutes from creation to resolution (complaints: at most 1440)' }) @minutes() @Min(ONE_SECOND, atLeastOneSecond) @Max(YEAR_MINUTES) resolutionMinutes: number;
}

export class SlaPolicyChangeDto extends SlaTargetsDto {
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: "A calendar overriding the team's for this priority x tier (e.g. 24×7 for VIP urgent); null: the team's; absent: unchanged" })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  calendarId?: string | null;
}

export class SlaPreviewQuery extends SlaPolicyParams {
  @ApiPropertyOptional({ format: 'uuid', description: "The ticket's team; absent: a ticket with no team (the default calendar)" }) @IsOptional() @IsUUID() teamId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the ticket would be opened; now when absent' }) @IsOptional() @IsInstant() at?: string;
}
