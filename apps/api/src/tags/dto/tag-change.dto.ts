import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { TAG_LIMITS } from '@firsthand/domain';
import type { TagSuggestionList, TicketTagsChange } from '@firsthand/http-contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { integer, text } from '../../http/dto/response-fields.js';

/** Raw tags before normalising may carry a little extra whitespace; the rule enforces the real limit. */
const RAW_TAG_LENGTH = TAG_LIMITS.maxLength * 2;

export const tagListField = (description: string) =>
  ({ type: String, isArray: true, maxItems: TAG_LIMITS.perChange, description }) as const;

export class TicketTagsChangeDto implements TicketTagsChange {
  @ApiPropertyOptional(tagListField('Tags to add: trimmed, Latin lower-cased, at most 40 characters; Chinese kept'))
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(TAG_LIMITS.perChange)
  @IsString({ each: true })
  @MaxLength(RAW_TAG_LENGTH, { each: true })
  add?: string[];

  @ApiPropertyOptional(tagListField('Tags to remove; absent ones are ignored'))
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(TAG_LIMITS.perChange)
  @IsString({ each: true })
  @MaxLength(RAW_TAG_LENGTH, { each: true })
  remove?: string[];
}

export class TagSuggestionsQuery {
  @ApiPropertyOptional({ description: 'What the tag starts with (normalised like a tag); all tags when absent', maxLength: RAW_TAG_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(RAW_TAG_LENGTH)
  prefix?: string;

  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit?: number;
}

@ApiSchema({ name: 'TagSuggestion' })
class TagSuggestionSchema {
  @ApiProperty(text) tag: string;
  @ApiProperty({ ...integer, description: 'Tickets carrying it' }) uses: number;
}

@ApiSchema({ name: 'TagSuggestionList' })
export class TagSuggestionListSchema implements TagSuggestionList {
  @ApiProperty({ type: () => [TagSuggestionSchema] }) items: TagSuggestionSchema[];
}
