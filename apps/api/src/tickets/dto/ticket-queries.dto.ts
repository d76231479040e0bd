import { ApiPropertyOptional } from '@nestjs/swagger';
import { PRIORITIES, TICKET_KINDS, TICKET_LIST_ORDERS, TICKET_STATUSES, type Priority, type TicketKind, type TicketListOrder, type TicketStatus } from '@firsthand/domain';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { commaList } from '../../http/dto/comma-list.js';

export class ListTicketsQuery {
  @ApiPropertyOptional({ description: `Comma-separated: ${TICKET_STATUSES.join(', ')}` })
  @IsOptional()
  @Transform(commaList)
  @ArrayMaxSize(TICKET_STATUSES.length)
  @IsIn(TICKET_STATUSES, { each: true })
  status?: TicketStatus[];

  @ApiPropertyOptional({ description: 'me, unowned, or an agent id' })
  @IsOptional()
  @Matches(/^(me|unowned|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: 'owner must be me, unowned or an agent id' })
  owner?: string;

  @ApiPropertyOptional({ enum: ['me'], description: 'Only tickets whose owner proposed a handoff to you' }) @IsOptional() @IsIn(['me']) handoffTo?: 'me';

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() team?: string;

  @ApiPropertyOptional({ description: `Comma-separated: ${PRIORITIES.join(', ')}` })
  @IsOptional()
  @Transform(commaList)
  @ArrayMaxSize(PRIORITIES.length)
  @IsIn(PRIORITIES, { each: true })
  priority?: Priority[];

  @ApiPropertyOptional({ description: `Comma-separated: ${TICKET_KINDS.join(', ')}` })
  @IsOptional()
  @Transform(commaList)
  @ArrayMaxSize(TICKET_KINDS.length)
  @IsIn(TICKET_KINDS, { each: true })
  kind?: TicketKind[];

  @ApiPropertyOptional({ enum: ['true'], description: 'Only tickets escalated past a warning (a missed target, or an owner who asked for help)' })
  @IsOptional()
  @IsIn(['true'], { message: 'escalated must be true (leave it out for every ticket)' })
  escalated?: 'true';

  @ApiPropertyOptional({
    enum: TICKET_LIST_ORDERS,
    default: 'newest',
    description:
      'newest: latest created first. oldest: earliest created first. due: the nearest running SLA deadline first (new: the earlier of first response and resolution; open: the earlier of next update and resolution; pending_customer: resolution unless its clock is paused), deadlines already past first of all, tickets with no running clock last. Ties go by creation time, oldest first in oldest and due',
  })
  @IsOptional()
  @IsIn(TICKET_LIST_ORDERS, { message: `order must be one of ${TICKET_LIST_ORDERS.join(', ')}` })
  order?: TicketListOrder;

  @ApiPropertyOptional({ default: 25, minimum: 1, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page, with the same order (a cursor of another order is a 400)' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class EventsQuery {
  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 2_147_483_647, description: 'Only events after this seq (a PostgreSQL integer)' }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(2_147_483_647) after?: number;
  @ApiPropertyOptional({ default: 200, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}
