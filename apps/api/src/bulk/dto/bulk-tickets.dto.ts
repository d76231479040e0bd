import { ApiProperty, ApiPropertyOptional, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import { TAG_LIMITS } from '@firsthand/domain';
import type { BulkAction, BulkTicketAnswer, BulkTicketRequest, BulkTicketResult } from '@firsthand/http-contracts';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { integer, oneOf, text, uuid } from '../../http/dto/response-fields.js';
import { tagListField } from '../../tags/dto/tag-change.dto.js';
import { NotBlank } from '../../http/dto/not-blank.js';

export const BULK_ACTIONS = ['reassign', 'tag', 'close_as_spam'] as const satisfies readonly BulkAction[];
export const BULK_LIMIT = 100;

export class BulkTicketsDto implements BulkTicketRequest {
  @ApiProperty({ enum: BULK_ACTIONS }) @IsIn(BULK_ACTIONS) action: BulkAction;

  @ApiProperty({ type: String, format: 'uuid', isArray: true, minItems: 1, maxItems: BULK_LIMIT, uniqueItems: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_LIMIT)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ticketIds: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'reassign: the new owner' })
  @ValidateIf((o: BulkTicketsDto) => o.action === 'reassign' || o.toAgentId !== undefined)
  @IsUUID()
  toAgentId?: string;

  @ApiPropertyOptional({ description: 'reassign: why, on every ticket\'s record', maxLength: 2_000 })
  @ValidateIf((o: BulkTicketsDto) => o.action === 'reassign' || o.reason !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(2_000)
  @NotBlank()
  reason?: string;

  @ApiPropertyOptional(tagListField('tag: tags to add'))
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(TAG_LIMITS.perChange)
  @IsString({ each: true })
  @MaxLength(TAG_LIMITS.maxLength * 2, { each: true })
  add?: string[];

  @ApiPropertyOptional(tagListField('tag: tags to remove'))
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(TAG_LIMITS.perChange)
  @IsString({ each: true })
  @MaxLength(TAG_LIMITS.maxLength * 2, { each: true })
  remove?: string[];
}

@ApiSchema({ name: 'BulkProblem' })
class BulkProblemSchema {
  @ApiProperty(text) type: string;
  @ApiProperty(text) title: string;
  @ApiProperty(integer) status: number;
  @ApiProperty(text) detail: string;
}

@ApiSchema({ name: 'BulkTicketDone' })
export class BulkTicketDoneSchema {
  @ApiProperty(uuid) ticketId: string;
  @ApiProperty({ type: Boolean, enum: [true] }) ok: true;
  @ApiProperty({ type: Boolean, description: 'false when the ticket already was as asked (nothing written)' }) changed: boolean;
  @ApiProperty({ ...integer, description: "The ticket's last event seq now" }) seq: number;
}

@ApiSchema({ name: 'BulkTicketRefused' })
export class BulkTicketRefusedSchema {
  @ApiProperty(uuid) ticketId: string;
  @ApiProperty({ type: Boolean, enum: [false] }) ok: false;
  @ApiProperty({ type: () => BulkProblemSchema, description: 'The problem this ticket alone answered; nothing changed on it' }) problem: BulkProblemSchema;
}

@ApiSchema({ name: 'BulkTicketAnswer' })
export class BulkTicketAnswerSchema implements BulkTicketAnswer {
  @ApiProperty(oneOf(BULK_ACTIONS)) action: BulkAction;
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(BulkTicketDoneSchema) }, { $ref: getSchemaPath(BulkTicketRefusedSchema) }] },
    description: 'One per ticket, in the order asked',
  })
  results: BulkTicketResult[];
  @ApiProperty(integer) succeeded: number;
  @ApiProperty(integer) failed: number;
}
