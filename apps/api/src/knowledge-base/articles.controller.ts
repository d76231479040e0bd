import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseIntPipe, Patch, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { KNOWLEDGE_BASE_LIMITS, mayEditArticles, maySeeArticle, readerFor, renderArticleMarkdown } from '@firsthand/domain';
import type {
  ArticleCategoryList,
  ArticleCategoryView,
  ArticleList,
  ArticlePreview,
  ArticleSuggestionList,
  ArticleVersionList,
  ArticleVersionView,
  ArticleView,
  DeflectionCountList,
} from '@firsthand/http-contracts';
import { ArticleStore } from '@firsthand/persistence';
import { AgentAuthGuard, RequireRoles } from '../auth/agent-auth.guard.js';
import type { AuthenticatedAgent } from '../auth/authenticated-agent.js';
import { CurrentAgent } from '../auth/current-agent.decorator.js';
import { HttpProblem, RequestValidationFailed } from '../http/problem.js';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { articleView, categoryView, suggestionView, versionView } from './article-views.js';
import {
  CreateArticleDto,
  DeflectionCountsQuery,
  ListArticlesQuery,
  ListArticleVersionsQuery,
  MatchArticlesQuery,
  PreviewArticleDto,
  SaveArticleCategoryDto,
  UpdateArticleDto,
} from './dto/article-requests.dto.js';
import {
  ArticleCategoryListSchema,
  ArticleCategoryViewSchema,
  ArticleListSchema,
  ArticlePreviewSchema,
  ArticleSuggestionListSchema,
  ArticleVersionListSchema,
  ArticleVersionViewSchema,
  ArticleViewSchema,
  DeflectionCountListSchema,
} from './dto/article.schema.js';
import { articleNotFound, SaveArticle } from './use-cases/save-article.use-case.js';
import { problem } from '../http/openapi-problems.js';

const EDITORS = ['senior', 'supervisor', 'admin'] as const;
const DAY_MS = 86_400_000;

/** The knowledge base for agents (published articles of both audiences) and its editors (seniors, supervisors, admins). */
@ApiTags('knowledge-base')
@ApiBearerAuth()
@Controller('api/kb')
@UseGuards(AgentAuthGuard)
export class ArticlesController {
  constructor(
    private readonly articles: ArticleStore,
    private readonly save: SaveArticle,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  @Get('categories')
  @ApiOperation({ summary: 'The categories, in their order' })
  @ApiOkResponse({ type: ArticleCategoryListSchema })
  async categories(): Promise<ArticleCategoryList> {
    return { items: (await this.articles.categories()).map(categoryView) };
  }

  @Post('categories')
  @RequireRoles(...EDITORS)
  @ApiOperation({ summary: 'Add a category (seniors, supervisors, admins)' })
  @ApiCreatedResponse({ type: ArticleCategoryViewSchema })
  @problem(400, 'Bad input: nothing changed')
  @problem(409, 'The slug is taken (`category-slug-taken`), or there are as many categories as allowed (`category-limit-reached`)')
  async createCategory(@Body() body: SaveArticleCategoryDto): Promise<ArticleCategoryView> {
    const saved = await this.articles.createCategory(
      { slug: body.slug, nameEn: body.nameEn.trim(), nameZhCn: body.nameZhCn.trim(), botMayAnswer: body.botMayAnswer ?? false, position: body.position ?? 0 },
      KNOWLEDGE_BASE_LIMITS.categoriesMax,
    );
    if (saved === 'slug-taken') throw new HttpProblem(409, 'category-slug-taken', 'Slug taken', `Another category already has the address ${body.slug}.`, { slug: body.slug });
    if (saved === 'limit-reached') throw new HttpProblem(409, 'category-limit-reached', 'Too many categories', `At most ${KNOWLEDGE_BASE_LIMITS.categoriesMax} categories.`);
    return categoryView(saved);
  }

  @Put('categories/:id')
  @RequireRoles(...EDITORS)
  @ApiOperation({ summary: 'Change a category (seniors, supervisors, admins)' })
  @ApiOkResponse({ type: ArticleCategoryViewSchema })
  @problem(400, 'Bad input: nothing changed')
  @problem(404, 'No such category (`category-not-found`)')
  @problem(409, 'The slug is taken (`category-slug-taken`)')
  async updateCategory(@Param('id', uuidParam()) id: string, @Body() body: SaveArticleCategoryDto): Promise<ArticleCategoryView> {
    const saved = await this.articles.updateCategory(id, { slug: body.slug, nameEn: body.nameEn.trim(), nameZhCn: body.nameZhCn.trim(), botMayAnswer: body.botMayAnswer ?? false, position: body.position ?? 0 });
    if (saved === 'not-found') throw new HttpProblem(404, 'category-not-found', 'Category not found', 'No such category.');
    if (saved === 'slug-taken') throw new HttpProblem(409, 'category-slug-taken', 'Slug taken', `Another category already has the address ${body.slug}.`, { slug: body.slug });
    return categoryView(saved);
  }

  @Get('articles')
  @ApiOperation({ summary: 'Articles, newest change first: published ones (public and internal) for agents, drafts too for editors' })
  @ApiOkResponse({ type: ArticleListSchema })
  async list(@CurrentAgent() agent: AuthenticatedAgent, @Query() query: ListArticlesQuery): Promise<ArticleList> {
    const found = await this.articles.list(readerFor(agent.role), { categoryId: query.categoryId, status: query.status, audience: query.audience, limit: query.limit ?? 50 });
    return { items: found.map((a) => articleView(a, mayEditArticles(agent.role), this.config.publicBaseUrl)) };
  }

  @Get('matches')
  @ApiOperation({ summary: 'Published articles (public and internal) matching a text, best first, with their score: what an agent looks up for a ticket' })
  @ApiOkResponse({ type: ArticleSuggestionListSchema })
  @problem(400, 'Bad input (`q` too short or long, an unknown language)')
  async matches(@Query() query: MatchArticlesQuery): Promise<ArticleSuggestionList> {
    const found = await this.articles.findMatchingArticles(query.q, query.lang ?? 'zh-CN', { audience: 'agents', limit: query.limit ?? KNOWLEDGE_BASE_LIMITS.suggestionsMax });
    return { items: found.map(suggestionView) };
  }

  @Post('articles')
  @RequireRoles(...EDITORS)
  @ApiOperation({ summary: 'Write an article (seniors, supervisors, admins); version 1 is recorded' })
  @ApiCreatedResponse({ type: ArticleViewSchema })
  @problem(400, 'Bad input (a title without its body, no language, an unknown category): nothing changed')
  @problem(409, 'The slug is taken (`article-slug-taken`)')
  async create(@CurrentAgent() agent: AuthenticatedAgent, @Body() body: CreateArticleDto): Promise<ArticleView> {
    return articleView(await this.save.create(agent, body), true, this.config.publicBaseUrl);
  }

  @Post('preview')
  @HttpCode(200)
  @RequireRoles(...EDITORS)
  @ApiOperation({ summary: 'Render Markdown as it would be saved: sanitized HTML (seniors, supervisors, admins)' })
  @ApiOkResponse({ type: ArticlePreviewSchema })
  @problem(400, 'Bad input')
  preview(@Body() body: PreviewArticleDto): ArticlePreview {
    return { html: renderArticleMarkdown(body.body) };
  }

  @Get('articles/:id')
  @ApiOperation({ summary: 'One article: published for agents, any for editors' })
  @ApiOkResponse({ type: ArticleViewSchema })
  @problem(404, 'No such article, or one you may not read (`article-not-found`)')
  async get(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string): Promise<ArticleView> {
    const article = await this.articles.find(id);
    if (!article || !maySeeArticle(readerFor(agent.role), article)) throw articleNotFound();
    return articleView(article, mayEditArticles(agent.role), this.config.publicBaseUrl);
  }

  @Patch('articles/:id')
  @RequireRoles(...EDITORS)
  @ApiOperation({ summary: 'Change an article (publish, unpublish, edit either language): a new version is recorded' })
  @ApiOkResponse({ type: ArticleViewSchema })
  @problem(400, 'Bad input: nothing changed')
  @problem(404, 'No such article (`article-not-found`)')
  @problem(409, 'The slug is taken (`article-slug-taken`), or a newer version than `baseVersion` was saved (`article-changed`)')
  async update(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string, @Body() body: UpdateArticleDto): Promise<ArticleView> {
    return articleView(await this.save.update(agent, id, body), true, this.config.publicBaseUrl);
  }

  @Delete('articles/:id')
  @HttpCode(204)
  @RequireRoles(...EDITORS)
  @ApiOperation({ summary: 'Delete an article with its versions and deflections (seniors, supervisors, admins)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @problem(404, 'No such article (`article-not-found`)')
  async remove(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.save.delete(agent, id);
  }

  @Get('articles/:id/versions')
  @RequireRoles(...EDITORS)
  @ApiOperation({ summary: "An article's versions, newest first, a page at a time: who saved what, when" })
  @ApiOkResponse({ type: ArticleVersionListSchema })
  @problem(400, 'limit or before out of range')
  @problem(404, 'No such article (`article-not-found`)')
  async versions(@Param('id', uuidParam()) id: string, @Query() query: ListArticleVersionsQuery): Promise<ArticleVersionList> {
    const limit = query.limit ?? 20;
    const versions = await this.articles.versions(id, { limit: limit + 1, before: query.before });
    if (versions.length === 0 && !(await this.articles.hasVersions(id))) throw articleNotFound();
    const page = versions.slice(0, limit);
    return { items: page.map(versionView), nextBefore: versions.length > limit ? page[page.length - 1]!.version : null };
  }

  @Get('articles/:id/versions/:version')
  @RequireRoles(...EDITORS)
  @ApiOperation({ summary: 'One past version of an article' })
  @ApiOkResponse({ type: ArticleVersionViewSchema })
  @problem(400, 'The version is not a whole number')
  @problem(404, 'No such article or version (`article-not-found`)')
  async version(
    @Param('id', uuidParam()) id: string,
    @Param('version', new ParseIntPipe({ exceptionFactory: () => new RequestValidationFailed([{ field: 'version', messages: ['version must be a whole number'] }]) })) version: number,
  ): Promise<ArticleVersionView> {
    const found = version >= 1 && version <= 2_147_483_647 ? await this.articles.version(id, version) : null;
    if (!found) throw articleNotFound();
    return versionView(found);
  }

  @Get('deflections')
  @RequireRoles('supervisor', 'admin')
  @ApiOperation({ summary: 'Questions answered by an article on the new-issue form (no ticket opened), per article (supervisors, admins)' })
  @ApiOkResponse({ type: DeflectionCountListSchema })
  @problem(400, 'Bad input (`to` before `from`, a period over a year)')
  async deflections(@Query() query: DeflectionCountsQuery): Promise<DeflectionCountList> {
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to) throw new RequestValidationFailed([{ field: 'to', messages: ['to must be after from'] }]);
    if (to.getTime() - from.getTime() > 366 * DAY_MS) throw new RequestValidationFailed([{ field: 'from', messages: ['the period may be a year at most'] }]);
    const items = await this.articles.deflectionCounts(from, to, query.limit ?? 50);
    return { from: from.toISOString(), to: to.toISOString(), items: items.map((i) => ({ ...i, lastAt: i.lastAt.toISOString() })) };
  }
}
