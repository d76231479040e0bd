import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { NotificationItem } from '@firsthand/http-contracts';
import { commaList } from '../http/dto/comma-list.js';

export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'failed', 'suppressed', 'refused'] as const;

export class ListNotificationsQuery {
  @ApiPropertyOptional({ description: `Comma-separated: ${NOTIFICATION_STATUSES.join(', ')}; failed = dead-lettered after its last attempt` })
  @IsOptional()
  @Transform(commaList)
  @ArrayMaxSize(NOTIFICATION_STATUSES.length)
  @IsIn(NOTIFICATION_STATUSES, { each: true })
  status?: Array<(typeof NOTIFICATION_STATUSES)[number]>;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ticketId?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export const NOTIFICATION_RECIPIENTS = ['customer', 'agent', 'endpoint'] as const satisfies ReadonlyArray<NotificationItem['recipientType']>;

export class TicketNotificationsQuery {
  @ApiPropertyOptional({ enum: NOTIFICATION_RECIPIENTS, description: "Only those to the customer, to agents, or to integrations' endpoints" })
  @IsOptional()
  @IsIn(NOTIFICATION_RECIPIENTS)
  recipient?: (typeof NOTIFICATION_RECIPIENTS)[number];
}
