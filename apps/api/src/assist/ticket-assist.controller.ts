import { Body, Controller, Get, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { LOCALES, type Locale } from '@firsthand/domain';
import type { ResolutionArticleDraft, TicketAssist } from '@firsthand/http-contracts';
import { IsIn, IsOptional } from 'class-validator';
import { AgentAuthGuard } from '../auth/agent-auth.guard.js';
import type { AuthenticatedAgent } from '../auth/authenticated-agent.js';
import { CurrentAgent } from '../auth/current-agent.decorator.js';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { articleView } from '../knowledge-base/article-views.js';
import { ResolutionArticleDraftSchema, ResolutionArticleDto, TicketAssistSchema } from './dto/assist.schema.js';
import { GetTicketAssist } from './use-cases/get-ticket-assist.use-case.js';
import { TurnResolutionIntoArticle } from './use-cases/turn-resolution-into-article.use-case.js';
import { problem } from '../http/openapi-problems.js';

export class AssistQuery {
  @ApiPropertyOptional({ enum: LOCALES, default: 'zh-CN', description: 'The language to show an article in when it has it' }) @IsOptional() @IsIn(LOCALES) lang?: Locale;
}

/** First-contact assist beside a ticket (issue 16, item 4): what helps the first person solve it. */
@ApiTags('tickets')
@ApiBearerAuth()
@Controller('api/tickets')
@UseGuards(AgentAuthGuard)
export class TicketAssistController {
  constructor(
    private readonly assist: GetTicketAssist,
    private readonly turnIntoArticle: TurnResolutionIntoArticle,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  @Get(':id/assist')
  @ApiOperation({ summary: 'Matching articles (internal ones too) and the most similar solved tickets this agent may see, with how they were solved' })
  @ApiOkResponse({ type: TicketAssistSchema })
  @problem(404, 'No such ticket, or not one this agent may see')
  get(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string, @Query() query: AssistQuery): Promise<TicketAssist> {
    return this.assist.execute(id, agent, query.lang ?? 'zh-CN');
  }

  @Post(':id/assist/article')
  @ApiOperation({ summary: 'Turn a resolved ticket\'s answer into a draft article, personal data marked out (seniors, supervisors, admins)' })
  @ApiCreatedResponse({ type: ResolutionArticleDraftSchema })
  @problem(403, 'Agents may not write articles')
  @problem(404, 'No such ticket, or not one this agent may see')
  @problem(409, 'The ticket is not resolved, has no answer to write from, or there is no category')
  async article(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string, @Body() body: ResolutionArticleDto): Promise<ResolutionArticleDraft> {
    const { article, removed } = await this.turnIntoArticle.execute(id, agent, body.categoryId);
    return { article: articleView(article, true, this.config.publicBaseUrl), removed, editorPath: `/supervisor/kb?article=${article.id}` };
  }
}
