import { Body, Controller, Get, HttpCode, Param, Patch, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvalidTag, normaliseTagPrefix } from '@firsthand/domain';
import type { TagSuggestionList, TicketChange } from '@firsthand/http-contracts';
import { TagSuggestions } from '@firsthand/persistence';
import { AgentAuthGuard } from '../auth/agent-auth.guard.js';
import type { AuthenticatedAgent } from '../auth/authenticated-agent.js';
import { CurrentAgent } from '../auth/current-agent.decorator.js';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { RequestValidationFailed } from '../http/problem.js';
import { TicketChangeSchema } from '../tickets/dto/ticket-answers.schema.js';
import { changeResponse } from '../tickets/ticket-responses.js';
import { TagSuggestionListSchema, TagSuggestionsQuery, TicketTagsChangeDto } from './dto/tag-change.dto.js';
import { ChangeTicketTags } from './use-cases/change-ticket-tags.use-case.js';

@ApiTags('tags')
@ApiBearerAuth()
@Controller('api')
@UseGuards(AgentAuthGuard)
export class TagsController {
  constructor(
    private readonly suggestions: TagSuggestions,
    private readonly changeTags: ChangeTicketTags,
  ) {}

  @Patch('tickets/:id/tags')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add and remove tags on a ticket the agent may see (owner or not); an internal tags_changed event' })
  @ApiOkResponse({ type: TicketChangeSchema, description: 'The ticket and the event written (none when nothing changed)' })
  async change(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string, @Body() body: TicketTagsChangeDto): Promise<TicketChange> {
    if (!body.add?.length && !body.remove?.length) {
      throw new RequestValidationFailed([{ field: 'add', messages: ['add or remove must name at least one tag'] }]);
    }
    return changeResponse(await this.changeTags.execute(id, agent, { add: body.add, remove: body.remove }));
  }

  @Get('tags')
  @ApiOperation({ summary: "Tags in use on the tickets of the agent's team (every team for supervisors), most used first" })
  @ApiOkResponse({ type: TagSuggestionListSchema })
  async suggest(@CurrentAgent() agent: AuthenticatedAgent, @Query() query: TagSuggestionsQuery): Promise<TagSuggestionList> {
    const prefix = query.prefix?.trim() ? normalisedPrefix(query.prefix) : '';
    return { items: await this.suggestions.suggest(agent, prefix, query.limit ?? 10) };
  }
}

/** A prefix is normalised like a tag, so "VIP" finds "vip"; one that could start no tag is a 400. */
function normalisedPrefix(raw: string): string {
  try {
    return normaliseTagPrefix(raw);
  } catch (error) {
    if (error instanceof InvalidTag) throw new RequestValidationFailed([{ field: 'prefix', messages: [error.message] }]);
    throw error;
  }
}
