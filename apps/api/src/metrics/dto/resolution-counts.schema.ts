import { ApiProperty } from '@nestjs/swagger';
import type { ResolutionCounts } from '@firsthand/realtime-contracts';
import { integer, share } from '../../http/dto/response-fields.js';

/** The fields the live figures and the reports share; each schema that has them extends this. */
export class ResolutionCountsSchema implements ResolutionCounts {
  @ApiProperty(integer) resolved: number;
  @ApiProperty(integer) firstResponderResolved: number;
  @ApiProperty(integer) firstContactResolved: number;
  @ApiProperty(share) firstResponderResolutionRate: number | null;
  @ApiProperty(share) firstContactResolutionRate: number | null;
  @ApiProperty(integer) provisional: number;
}
