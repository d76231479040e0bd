import { Controller, Get, HttpCode, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import type { LanguageModelAnswer, LanguageModelCallPage, LanguageModelStatus } from '@firsthand/http-contracts';
import { LanguageModelCallLog } from '@firsthand/persistence';
import { AgentAuthGuard, RequireRoles } from '../auth/agent-auth.guard.js';
import type { AuthenticatedAgent } from '../auth/authenticated-agent.js';
import { CurrentAgent } from '../auth/current-agent.decorator.js';
import { decodeCursor, encodeCursor } from '../http/keyset-cursor.js';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { LanguageModelAnswerSchema, LanguageModelCallPageSchema, LanguageModelStatusSchema, ListLanguageModelCallsQuery } from './dto/language-model.schema.js';
import { AskLanguageModel } from './use-cases/ask-language-model.use-case.js';


/** The optional language model: drafts and handoff summaries for agents, and the audit log of its calls. */
@ApiTags('language-model')
@ApiBearerAuth()
@Controller('api')
@UseGuards(AgentAuthGuard)
export class LanguageModelController {
  constructor(
    private readonly ask: AskLanguageModel,
    private readonly calls: LanguageModelCallLog,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  @Get('language-model')
  @ApiOperation({ summary: 'Whether drafted replies and handoff summaries are available (the console hides their buttons when not)' })
  @ApiOkResponse({ type: LanguageModelStatusSchema })
  status(): LanguageModelStatus {
    const { baseUrl, model } = this.config.languageModel;
    return { enabled: baseUrl !== null, model: baseUrl === null ? null : model };
  }

  @Post('tickets/:id/draft-reply')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Draft a reply to the customer for the agent to edit and send through the composer; never sent by itself',
    description: '404 `language-model-off` when no endpoint is configured. When the endpoint times out, answers garbage or an HTTP error, or cannot be reached, the answer is still 200 with `outcome`, `text: null` and a `message` for the agent; the ticket is unchanged.',
  })
  @ApiOkResponse({ type: LanguageModelAnswerSchema })
  draftReply(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string): Promise<LanguageModelAnswer> {
    return this.ask.draftReply(agent, id);
  }

  @Post('tickets/:id/handoff-summary')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Summarize a long ticket for a handoff, internal notes included',
    description: '404 `language-model-off` when no endpoint is configured. An endpoint failure is a 200 with `outcome`, `text: null` and a `message`; the ticket is unchanged.',
  })
  @ApiOkResponse({ type: LanguageModelAnswerSchema })
  handoffSummary(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string): Promise<LanguageModelAnswer> {
    return this.ask.handoffSummary(agent, id);
  }

  @Get('llm-calls')
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Calls made to the language model, newest first, with the prompt and articles sent and the outcome (admin)' })
  @ApiOkResponse({ type: LanguageModelCallPageSchema })
  async list(@Query() query: ListLanguageModelCallsQuery): Promise<LanguageModelCallPage> {
    const limit = query.limit ?? 50;
    const items = await this.calls.list({ ticketId: query.ticketId, limit: limit + 1, cursor: decodeCursor(query.cursor) });
    const page = items.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page, nextCursor: items.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null };
  }
}
