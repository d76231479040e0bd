import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { ARTICLE_AUDIENCES, ARTICLE_STATUSES, LOCALES, type ArticleAudience, type ArticleStatus, type Locale } from '@firsthand/domain';
import type {
  ArticleCategoryList,
  ArticleCategoryView,
  ArticleList,
  ArticlePreview,
  ArticleSuggestion,
  ArticleSuggestionList,
  ArticleVersionList,
  ArticleVersionView,
  ArticleView,
  DeflectionCountList,
} from '@firsthand/http-contracts';
import { integer, oneOf, optionalText, optionalTime, optionalUuid, text, time, uuid } from '../../http/dto/response-fields.js';

@ApiSchema({ name: 'ArticleCategoryView' })
export class ArticleCategoryViewSchema implements ArticleCategoryView {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) slug: string;
  @ApiProperty(text) nameEn: string;
  @ApiProperty(text) nameZhCn: string;
  @ApiProperty({ type: Boolean }) botMayAnswer: boolean;
  @ApiProperty({ ...integer, minimum: 0 }) position: number;
}

@ApiSchema({ name: 'ArticleCategoryList' })
export class ArticleCategoryListSchema implements ArticleCategoryList {
  @ApiProperty({ type: () => [ArticleCategoryViewSchema] }) items: ArticleCategoryViewSchema[];
}

@ApiSchema({ name: 'ArticleView' })
export class ArticleViewSchema implements ArticleView {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) slug: string;
  @ApiProperty(uuid) categoryId: string;
  @ApiProperty(oneOf(ARTICLE_STATUSES)) status: ArticleStatus;
  @ApiProperty(oneOf(ARTICLE_AUDIENCES)) audience: ArticleAudience;
  @ApiProperty(optionalText) titleEn: string | null;
  @ApiProperty({ ...optionalText, description: 'Markdown' }) bodyEn: string | null;
  @ApiProperty({ ...optionalText, description: 'Sanitized HTML rendered from bodyEn' }) htmlEn: string | null;
  @ApiProperty(optionalText) titleZhCn: string | null;
  @ApiProperty({ ...optionalText, description: 'Markdown' }) bodyZhCn: string | null;
  @ApiProperty({ ...optionalText, description: 'Sanitized HTML rendered from bodyZhCn' }) htmlZhCn: string | null;
  @ApiProperty({ ...integer, minimum: 1 }) version: number;
  @ApiProperty(optionalTime) publishedAt: string | null;
  @ApiProperty(time) createdAt: string;
  @ApiProperty(time) updatedAt: string;
  @ApiProperty({ type: Boolean }) mayEdit: boolean;
  @ApiProperty({ ...optionalText, format: 'uri' }) helpUrl: string | null;
}

@ApiSchema({ name: 'ArticleList' })
export class ArticleListSchema implements ArticleList {
  @ApiProperty({ type: () => [ArticleViewSchema] }) items: ArticleViewSchema[];
}

@ApiSchema({ name: 'ArticlePreview' })
export class ArticlePreviewSchema implements ArticlePreview {
  @ApiProperty({ ...text, description: 'Sanitized HTML' }) html: string;
}

@ApiSchema({ name: 'ArticleVersionView' })
export class ArticleVersionViewSchema implements ArticleVersionView {
  @ApiProperty({ ...integer, minimum: 1 }) version: number;
  @ApiProperty(text) slug: string;
  @ApiProperty(uuid) categoryId: string;
  @ApiProperty(oneOf(ARTICLE_STATUSES)) status: ArticleStatus;
  @ApiProperty(oneOf(ARTICLE_AUDIENCES)) audience: ArticleAudience;
  @ApiProperty(optionalText) titleEn: string | null;
  @ApiProperty(optionalText) bodyEn: string | null;
  @ApiProperty(optionalText) titleZhCn: string | null;
  @ApiProperty(optionalText) bodyZhCn: string | null;
  @ApiProperty(optionalUuid) savedById: string | null;
  @ApiProperty(optionalText) savedByName: string | null;
  @ApiProperty(time) savedAt: string;
}

@ApiSchema({ name: 'ArticleVersionList' })
export class ArticleVersionListSchema implements ArticleVersionList {
  @ApiProperty({ type: () => [ArticleVersionViewSchema] }) items: ArticleVersionViewSchema[];
  @ApiProperty({ type: 'integer', nullable: true, minimum: 2, description: 'Pass as before for the older versions; null when these are the oldest' }) nextBefore: number | null;
}

@ApiSchema({ name: 'ArticleSuggestion' })
export class ArticleSuggestionSchema implements ArticleSuggestion {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) slug: string;
  @ApiProperty(oneOf(LOCALES)) locale: Locale;
  @ApiProperty(text) title: string;
  @ApiProperty({ ...text, description: 'The start of the body as plain text' }) excerpt: string;
  @ApiProperty(text) categoryName: string;
  @ApiProperty({ type: Number, minimum: 0, maximum: 1, description: "The share of the text's words the article holds (a title word 1, a body word 0.6)" }) score: number;
  @ApiProperty({ ...text, description: 'The article in the help center' }) url: string;
}

@ApiSchema({ name: 'ArticleSuggestionList' })
export class ArticleSuggestionListSchema implements ArticleSuggestionList {
  @ApiProperty({ type: () => [ArticleSuggestionSchema] }) items: ArticleSuggestionSchema[];
}

class DeflectionCountSchema {
  @ApiProperty(uuid) articleId: string;
  @ApiProperty(text) slug: string;
  @ApiProperty(optionalText) titleEn: string | null;
  @ApiProperty(optionalText) titleZhCn: string | null;
  @ApiProperty({ ...integer, minimum: 1 }) deflections: number;
  @ApiProperty(time) lastAt: string;
}

@ApiSchema({ name: 'DeflectionCountList' })
export class DeflectionCountListSchema implements DeflectionCountList {
  @ApiProperty(time) from: string;
  @ApiProperty(time) to: string;
  @ApiProperty({ type: () => [DeflectionCountSchema] }) items: DeflectionCountSchema[];
}
