import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ARTICLE_AUDIENCES, ARTICLE_SLUG, ARTICLE_STATUSES, KNOWLEDGE_BASE_LIMITS, LOCALES, type ArticleAudience, type ArticleStatus, type Locale } from '@firsthand/domain';
import type { CreateArticleRequest, RecordDeflectionRequest, SaveArticleCategoryRequest, UpdateArticleRequest } from '@firsthand/http-contracts';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { NotBlank } from '../../http/dto/not-blank.js';
import { IsInstant } from '../../http/dto/instant.js';

const L = KNOWLEDGE_BASE_LIMITS;
const slugRule = { message: 'slug must be lower-case Latin letters and digits in words joined by single hyphens (refund-times)' };
const noNul = (field: string) => ({ message: `${field} must not contain NUL characters` });
const NO_NUL = /^[^\u0000]*$/;

const title = (language: string) => ({ type: String, nullable: true, maxLength: L.titleMaxLength, description: `The title in ${language}; given with its body, or both null to remove the language` });
const body = (language: string) => ({
  type: String,
  nullable: true,
  maxLength: L.bodyMaxLength,
  description: `The body in ${language}, Markdown (raw HTML is shown as text; links only http(s) and mailto), sanitized on save and on render`,
});

class ArticleFieldsDto {
  @ApiPropertyOptional({ maxLength: L.slugMaxLength, pattern: ARTICLE_SLUG.source, description: 'The address in the help center; made from the English title when left out' })
  @IsOptional() @IsString() @MaxLength(L.slugMaxLength) @Matches(ARTICLE_SLUG, slugRule)
  slug?: string;

  @ApiPropertyOptional({ enum: ARTICLE_STATUSES, default: 'draft' }) @IsOptional() @IsIn(ARTICLE_STATUSES) status?: ArticleStatus;

  @ApiPropertyOptional({ enum: ARTICLE_AUDIENCES, default: 'public', description: 'internal: agents only, never in the help center, the form or a bot answer' })
  @IsOptional() @IsIn(ARTICLE_AUDIENCES)
  audience?: ArticleAudience;

  @ApiPropertyOptional(title('English')) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MinLength(1) @MaxLength(L.titleMaxLength) @NotBlank() @Matches(NO_NUL, noNul('titleEn'))
  titleEn?: string | null;

  @ApiPropertyOptional(body('English')) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MinLength(1) @MaxLength(L.bodyMaxLength) @NotBlank() @Matches(NO_NUL, noNul('bodyEn'))
  bodyEn?: string | null;

  @ApiPropertyOptional(title('Simplified Chinese')) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MinLength(1) @MaxLength(L.titleMaxLength) @NotBlank() @Matches(NO_NUL, noNul('titleZhCn'))
  titleZhCn?: string | null;

  @ApiPropertyOptional(body('Simplified Chinese')) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MinLength(1) @MaxLength(L.bodyMaxLength) @NotBlank() @Matches(NO_NUL, noNul('bodyZhCn'))
  bodyZhCn?: string | null;
}

export class CreateArticleDto extends ArticleFieldsDto implements CreateArticleRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() categoryId: string;
}

export class UpdateArticleDto extends ArticleFieldsDto implements UpdateArticleRequest {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() categoryId?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'The version the change was made on: a newer one saved meanwhile refuses it (409 article-changed)' })
  @IsOptional() @IsInt() @Min(1)
  baseVersion?: number;
}

export class PreviewArticleDto {
  @ApiProperty({ maxLength: L.bodyMaxLength, description: 'Markdown' }) @IsString() @MaxLength(L.bodyMaxLength) body: string;
}

export class ListArticlesQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() categoryId?: string;
  @ApiPropertyOptional({ enum: ARTICLE_STATUSES }) @IsOptional() @IsIn(ARTICLE_STATUSES) status?: ArticleStatus;
  @ApiPropertyOptional({ enum: ARTICLE_AUDIENCES }) @IsOptional() @IsIn(ARTICLE_AUDIENCES) audience?: ArticleAudience;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: L.listMax }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(L.listMax) limit?: number;
}

export class ListArticleVersionsQuery {
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 50, description: 'Versions a page (each with its whole text)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50)
  limit?: number;

  @ApiPropertyOptional({ minimum: 2, maximum: 2_147_483_647, description: 'Versions older than this one: nextBefore from the previous page' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(2) @Max(2_147_483_647)
  before?: number;
}

export class MatchArticlesQuery {
  @ApiProperty({ minLength: L.suggestionQueryMinLength, maxLength: L.suggestionQueryMaxLength, description: 'What was typed: any of its words (common words left out) in either language' })
  @IsString() @MinLength(L.suggestionQueryMinLength) @MaxLength(L.suggestionQueryMaxLength) @Matches(NO_NUL, noNul('q'))
  q: string;

  @ApiPropertyOptional({ enum: LOCALES, default: 'zh-CN', description: 'The language to show an article in when it has it' }) @IsOptional() @IsIn(LOCALES) lang?: Locale;

  @ApiPropertyOptional({ default: L.suggestionsMax, minimum: 1, maximum: L.suggestionsMax }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(L.suggestionsMax) limit?: number;
}

export class DeflectionCountsQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Start (inclusive); 30 days before `to` when left out' }) @IsOptional() @IsInstant() from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'End (exclusive); now when left out' }) @IsOptional() @IsInstant() to?: string;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: L.listMax }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(L.listMax) limit?: number;
}

export class RecordDeflectionDto implements RecordDeflectionRequest {
  @ApiProperty({ format: 'uuid', description: 'The published public article that answered the question' }) @IsUUID() articleId: string;
  @ApiProperty({ maxLength: L.suggestionQueryMaxLength, description: 'What the customer had typed' })
  @IsString() @MinLength(1) @MaxLength(L.suggestionQueryMaxLength) @Matches(NO_NUL, noNul('query'))
  query: string;
  @ApiProperty({ enum: LOCALES }) @IsIn(LOCALES) locale: Locale;
}

export class SaveArticleCategoryDto implements SaveArticleCategoryRequest {
  @ApiProperty({ maxLength: L.slugMaxLength, pattern: ARTICLE_SLUG.source }) @IsString() @MaxLength(L.slugMaxLength) @Matches(ARTICLE_SLUG, slugRule) slug: string;
  @ApiProperty({ maxLength: L.categoryNameMaxLength }) @IsString() @MinLength(1) @MaxLength(L.categoryNameMaxLength) @NotBlank() nameEn: string;
  @ApiProperty({ maxLength: L.categoryNameMaxLength }) @IsString() @MinLength(1) @MaxLength(L.categoryNameMaxLength) @NotBlank() nameZhCn: string;
  @ApiPropertyOptional({ default: false, description: 'The later bot may answer tickets with this category\'s articles' }) @IsOptional() @IsBoolean() botMayAnswer?: boolean;
  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 1000 }) @IsOptional() @IsInt() @Min(0) @Max(1000) position?: number;
}
