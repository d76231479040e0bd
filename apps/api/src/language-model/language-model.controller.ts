import { Controller, Get, HttpCode, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
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

const problem = (status: number, description: string) =>
  ApiResponse({ status, description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const endpointFailed = problem(502, 'The endpoint answered garbage, an HTTP error, too much, or could not be reached (`language-model-failed`, with `outcome` and `callId`): the ticket is unchanged');
const endpointTimedOut = problem(504, 'The endpoint did not answer within FIRSTHAND_LLM_TIMEOUT_MS (`language-model-timeout`): the ticket is unchanged');

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
  @ApiOperation({ summary: 'Draft a reply to the customer for the agent to edit and send through the composer; never sent by itself (404 `language-model-off` when no endpoint is configured)' })
  @ApiOkResponse({ type: LanguageModelAnswerSchema })
  @endpointFailed
  @endpointTimedOut
  draftReply(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string): Promise<LanguageModelAnswer> {
    return this.ask.draftReply(agent, id);
  }

  @Post('tickets/:id/handoff-summary')
  @HttpCode(200)
  @ApiOperation({ summary: 'Summarize a long ticket for a handoff, internal notes included (404 `language-model-off` when no endpoint is configured)' })
  @ApiOkResponse({ type: LanguageModelAnswerSchema })
  @endpointFailed
  @endpointTimedOut
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
