import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { KNOWLEDGE_BASE_LIMITS } from '@firsthand/domain';
import type { ArticleSuggestionList } from '@firsthand/http-contracts';
import { ArticleStore } from '@firsthand/persistence';
import { HttpProblem } from '../http/problem.js';
import { RequestLimits } from '../limits/request-limits.js';
import { suggestionView } from './article-views.js';
import { MatchArticlesQuery, RecordDeflectionDto } from './dto/article-requests.dto.js';
import { ArticleSuggestionListSchema } from './dto/article.schema.js';
import { problem } from '../http/openapi-problems.js';

/** Below this an article shares too little with what was typed to be worth showing a customer. */
const SUGGESTION_MIN_SCORE = 0.3;

/** The public side of the knowledge base the new-issue form uses; no account, limited per address. */
@ApiTags('help-center')
@Controller('api/help')
export class HelpApiController {
  constructor(
    private readonly articles: ArticleStore,
    private readonly limits: RequestLimits,
  ) {}

  @Get('suggestions')
  @ApiOperation({ summary: 'Published public articles matching what a customer is typing as the subject, best first' })
  @ApiOkResponse({ type: ArticleSuggestionListSchema })
  @problem(400, 'Bad input (`q` under 2 or over 200 characters, an unknown language)')
  @problem(429, 'Too many suggestion requests from this address (`too-many-suggestions`); wait Retry-After seconds')
  async suggestions(@Req() request: { ip: string }, @Query() query: MatchArticlesQuery): Promise<ArticleSuggestionList> {
    await this.limits.articleSuggestion(request.ip);
    const found = await this.articles.findMatchingArticles(query.q, query.lang ?? 'zh-CN', {
      audience: 'public',
      limit: query.limit ?? KNOWLEDGE_BASE_LIMITS.suggestionsMax,
      minScore: SUGGESTION_MIN_SCORE,
    });
    return { items: found.map(suggestionView) };
  }

  @Post('deflections')
  @HttpCode(204)
  @ApiOperation({ summary: '"This answered my question": recorded for the article (what was typed, the language, the time; nothing about who); no ticket is opened' })
  @ApiNoContentResponse({ description: 'Recorded' })
  @problem(400, 'Bad input: nothing recorded')
  @problem(404, 'No published public article with this id (`article-not-found`): nothing recorded')
  @problem(429, 'Too many from this address (`too-many-deflections`): nothing recorded')
  async deflection(@Req() request: { ip: string }, @Body() body: RecordDeflectionDto): Promise<void> {
    await this.limits.deflection(request.ip);
    if (!(await this.articles.recordDeflection(body.articleId, body.query.trim().slice(0, KNOWLEDGE_BASE_LIMITS.suggestionQueryMaxLength), body.locale))) {
      throw new HttpProblem(404, 'article-not-found', 'Article not found', 'No published public article with this id.');
    }
  }
}
