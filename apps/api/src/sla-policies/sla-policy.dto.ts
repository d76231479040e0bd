import { ApiProperty } from '@nestjs/swagger';
import { CUSTOMER_TIERS, PRIORITIES, type CustomerTier, type Priority } from '@firsthand/domain';
import { IsIn, IsInt, Max, Min } from 'class-validator';

const YEAR_MINUTES = 525_600;

export class SlaPolicyParams {
  @ApiProperty({ enum: PRIORITIES }) @IsIn(PRIORITIES) priority: Priority;
  @ApiProperty({ enum: CUSTOMER_TIERS }) @IsIn(CUSTOMER_TIERS) tier: CustomerTier;
}

export class SlaTargetsDto {
  @ApiProperty({ description: 'minutes from creation to the first response' }) @IsInt() @Min(1) @Max(YEAR_MINUTES) firstResponseMinutes: number;
  @ApiProperty({ description: 'minutes the owner may go without updating the customer' }) @IsInt() @Min(1) @Max(YEAR_MINUTES) updateCadenceMinutes: number;
  @ApiProperty({ description: 'minutes from creation to resolution (complaints: at most 1440)' }) @IsInt() @Min(1) @Max(YEAR_MINUTES) resolutionMinutes: number;
}
