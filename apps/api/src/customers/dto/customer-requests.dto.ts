import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CUSTOMER_TIERS, type CustomerTier } from '@firsthand/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';

export class CustomerProfileQuery {
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100, description: 'Tickets per page' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @ApiPropertyOptional({ description: 'tickets.nextCursor from the previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class CustomerSearchQuery {
  @ApiProperty({ minLength: 2, maxLength: 100, description: 'Part of a name, email or phone number' }) @IsString() @MinLength(2) @MaxLength(100) q: string;
  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: 25 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(25) limit?: number;
}

export class ChangeCustomerDto {
  @ApiProperty({ enum: CUSTOMER_TIERS }) @IsIn(CUSTOMER_TIERS) tier: CustomerTier;
}

export class MergeCustomerDto {
  @ApiProperty({ format: 'uuid', description: 'The duplicate record: its tickets move to this one, and it is marked merged into this one' })
  @IsUUID()
  duplicateId: string;
}
