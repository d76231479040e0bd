import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { AGENT_SETTABLE_STATUSES, LOCALES, MACRO_LIMITS, MACRO_SCOPES, PRIORITIES, TAG_LIMITS, VISIBILITIES, type AgentSettableStatus, type Locale, type MacroScope, type Priority, type Visibility } from '@firsthand/domain';
import type { MacroApplication, MacroApplied, MacroDefinition, MacroList, MacroUpdate, MacroView, RenderedMacroReply } from '@firsthand/http-contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { integer, oneOf, optionalText, optionalUuid, text, time, uuid } from '../../http/dto/response-fields.js';
import { TicketChangeSchema } from '../../tickets/dto/ticket-answers.schema.js';
import { tagListField } from '../../tags/dto/tag-change.dto.js';
import { NotBlank } from '../../http/dto/not-blank.js';

const PLACEHOLDERS_DOC = 'Placeholders: {{customer.name}}, {{ticket.code}}, {{agent.name}}, {{ticket.next_update_due}}; others are refused.';

export class MacroReplyDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: MACRO_LIMITS.replyLength, description: PLACEHOLDERS_DOC })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(MACRO_LIMITS.replyLength)
  'zh-CN'?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: MACRO_LIMITS.replyLength, description: PLACEHOLDERS_DOC })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(MACRO_LIMITS.replyLength)
  en?: string | null;
}

const tagList = () => [IsOptional(), IsArray(), ArrayMaxSize(TAG_LIMITS.perChange), IsString({ each: true }), MaxLength(TAG_LIMITS.maxLength * 2, { each: true })];
const allOf = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));

/** The fields a macro's definition and its update share. */
class MacroFieldsDto {
  @ApiProperty({ maxLength: MACRO_LIMITS.nameLength }) @IsString() @MinLength(1) @MaxLength(MACRO_LIMITS.nameLength) @NotBlank() name: string;
  @ApiPropertyOptional({ type: () => MacroReplyDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => MacroReplyDto) reply?: MacroReplyDto;
  @ApiPropertyOptional({ enum: AGENT_SETTABLE_STATUSES, nullable: true, description: 'Applied only by the owner, by the status rules' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(AGENT_SETTABLE_STATUSES)
  status?: AgentSettableStatus | null;
  @ApiPropertyOptional(tagListField('Tags the macro adds')) @allOf(tagList()) addTags?: string[];
  @ApiPropertyOptional(tagListField('Tags the macro removes')) @allOf(tagList()) removeTags?: string[];
  @ApiPropertyOptional({ enum: PRIORITIES, nullable: true, description: 'Applied only by the owner' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(PRIORITIES)
  priority?: Priority | null;
}

export class CreateMacroDto extends MacroFieldsDto implements MacroDefinition {
  @ApiProperty({ enum: MACRO_SCOPES }) @IsIn(MACRO_SCOPES) scope: MacroScope;
  @ApiPropertyOptional({ format: 'uuid', description: "A team macro's team; the agent's own team when absent" }) @IsOptional() @IsUUID() teamId?: string;
}

export class UpdateMacroDto extends MacroFieldsDto implements MacroUpdate {
  @ApiProperty({ ...integer, description: 'The version you edited; 409 when someone changed it since' }) @IsInt() @Min(1) @Max(2_000_000_000) expectedVersion: number;
}

@ApiSchema({ name: 'MacroReply' })
class MacroReplySchema {
  @ApiProperty(optionalText) 'zh-CN': string | null;
  @ApiProperty(optionalText) en: string | null;
}

@ApiSchema({ name: 'MacroOwner' })
class MacroOwnerSchema {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) name: string;
}

@ApiSchema({ name: 'Macro' })
export class MacroViewSchema implements MacroView {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) name: string;
  @ApiProperty(oneOf(MACRO_SCOPES)) scope: MacroScope;
  @ApiProperty({ type: () => MacroOwnerSchema }) owner: MacroOwnerSchema;
  @ApiProperty(optionalUuid) teamId: string | null;
  @ApiProperty({ type: () => MacroReplySchema }) reply: MacroReplySchema;
  @ApiProperty({ ...oneOf(AGENT_SETTABLE_STATUSES), nullable: true }) status: AgentSettableStatus | null;
  @ApiProperty({ type: String, isArray: true }) addTags: string[];
  @ApiProperty({ type: String, isArray: true }) removeTags: string[];
  @ApiProperty({ ...oneOf(PRIORITIES), nullable: true }) priority: Priority | null;
  @ApiProperty(integer) version: number;
  @ApiProperty({ type: Boolean, description: 'Whether you may change or delete it' }) manageable: boolean;
  @ApiProperty(time) updatedAt: string;
}

@ApiSchema({ name: 'MacroList' })
export class MacroListSchema implements MacroList {
  @ApiProperty({ type: () => [MacroViewSchema] }) items: MacroViewSchema[];
}

@ApiSchema({ name: 'MacroApplied' })
class MacroAppliedSchema implements MacroApplied {
  @ApiProperty({ ...oneOf(VISIBILITIES), nullable: true, description: 'internal: the limited version turned the reply into an internal note' }) reply: Visibility | null;
  @ApiProperty({ ...oneOf(AGENT_SETTABLE_STATUSES), nullable: true }) status: AgentSettableStatus | null;
  @ApiProperty({ ...oneOf(PRIORITIES), nullable: true }) priority: Priority | null;
  @ApiProperty({ type: String, isArray: true }) tagsAdded: string[];
  @ApiProperty({ type: String, isArray: true }) tagsRemoved: string[];
  @ApiProperty({ type: String, enum: ['status', 'priority'], isArray: true, description: 'Left out: only the owner changes status and priority' }) skipped: Array<'status' | 'priority'>;
}

@ApiSchema({ name: 'RenderedMacroReply' })
export class RenderedMacroReplySchema implements RenderedMacroReply {
  @ApiProperty(uuid) macroId: string;
  @ApiProperty(uuid) ticketId: string;
  @ApiProperty({ ...oneOf(LOCALES), description: "The text's language: the customer's when the macro has a reply in it" }) locale: Locale;
  @ApiProperty({ ...text, nullable: true, description: 'Placeholders filled as applying fills them; null when the macro has no reply' }) text: string | null;
}

@ApiSchema({ name: 'MacroApplication' })
export class MacroApplicationSchema extends TicketChangeSchema implements MacroApplication {
  @ApiProperty({ type: () => MacroAppliedSchema }) applied: MacroAppliedSchema;
}
