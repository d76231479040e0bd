import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { CustomerErasureStatus, CustomerExportList, CustomerExportStatus } from '@firsthand/http-contracts';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { integer, oneOf, optionalInteger, optionalText, optionalTime, time, uuid } from '../../http/dto/response-fields.js';

export class CustomerErasureDto {
  @ApiPropertyOptional({ type: Boolean, description: 'Required (true) when the customer has open tickets; the 409 answer lists them and says what happens' })
  @IsOptional()
  @IsBoolean()
  confirm?: boolean;
}

@ApiSchema({ name: 'CustomerExportStatus' })
export class CustomerExportStatusSchema implements CustomerExportStatus {
  @ApiProperty(uuid) id: string;
  @ApiProperty(uuid) customerId: string;
  @ApiProperty(oneOf(['queued', 'running', 'ready', 'failed', 'expired', 'deleted'])) state: CustomerExportStatus['state'];
  @ApiProperty(time) requestedAt: string;
  @ApiProperty(optionalTime) readyAt: string | null;
  @ApiProperty(optionalTime) expiresAt: string | null;
  @ApiProperty(optionalInteger) sizeBytes: number | null;
  @ApiProperty({ ...optionalText, description: 'The download route while ready' }) downloadUrl: string | null;
  @ApiProperty(optionalText) error: string | null;
}

export class CustomerExportListQuery {
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 50, description: 'Exports to list, newest first' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit?: number;
}

@ApiSchema({ name: 'CustomerExportList' })
export class CustomerExportListSchema implements CustomerExportList {
  @ApiProperty({ type: [CustomerExportStatusSchema], description: 'Newest first' }) items: CustomerExportStatus[];
  @ApiProperty({ ...integer, description: 'Exports queued, being written or downloadable' }) live: number;
  @ApiProperty({ ...integer, description: 'At most this many live at once; a further request answers 409 too-many-exports' }) liveLimit: number;
  @ApiProperty({ ...integer, description: 'Hours a ready export stays downloadable' }) keepHours: number;
}

@ApiSchema({ name: 'CustomerErasureStatus' })
export class CustomerErasureStatusSchema implements CustomerErasureStatus {
  @ApiProperty(uuid) id: string;
  @ApiProperty(uuid) customerId: string;
  @ApiProperty(oneOf(['queued', 'running', 'done'])) state: CustomerErasureStatus['state'];
  @ApiProperty(integer) stepsDone: number;
  @ApiProperty(integer) stepCount: number;
  @ApiProperty({ type: [String] }) steps: string[];
  @ApiProperty(integer) openTickets: number;
  @ApiProperty(time) requestedAt: string;
  @ApiProperty(optionalTime) finishedAt: string | null;
  @ApiProperty(optionalText) lastError: string | null;
}

