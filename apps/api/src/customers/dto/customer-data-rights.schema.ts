import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { CustomerErasureStatus, CustomerExportStatus } from '@firsthand/http-contracts';
import { IsBoolean, IsOptional } from 'class-validator';
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

