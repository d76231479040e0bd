import { ApiProperty } from '@nestjs/swagger';
import { CUSTOMER_TIERS, PRIORITIES, type CustomerTier, type Priority } from '@firsthand/domain';
import { IsIn, IsNumber, Max, Min } from 'class-validator';

const YEAR_MINUTES = 525_600;
/** Targets are kept in whole seconds; fractions of a minute down to one second are accepted (drills, tests). */
const ONE_SECOND = 1 / 60;
const minutes = () => IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 });

export class SlaPolicyParams {
  @ApiProperty({ enum: PRIORITIES }) @IsIn(PRIORITIES) priority: Priority;
  @ApiProperty({ enum: CUSTOMER_TIERS }) @IsIn(CUSTOMER_TIERS) tier: CustomerTier;
}

export class SlaTargetsDto {
  @ApiProperty({ description: 'minutes from creation to the first response (fractions allowed, stored to the second)' }) @minutes() @Min(ONE_SECOND) @Max(YEAR_MINUTES) firstResponseMinutes: number;
  @ApiProperty({ description: 'minutes the owner may go without updating the customer' }) @minutes() @Min(ONE_SECOND) @Max(YEAR_MINUTES) updateCadenceMinutes: number;
  @ApiProperty({ description: 'minutes from creation to resolution (complaints: at most 1440)' }) @minutes() @Min(ONE_SECOND) @Max(YEAR_MINUTES) resolutionMinutes: number;
}
