import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SavedView, SavedViewCounts, SavedViewList, SearchPage } from '@firsthand/http-contracts';
import { AgentAuthGuard } from '../auth/agent-auth.guard.js';
import type { AuthenticatedAgent } from '../auth/authenticated-agent.js';
import { CurrentAgent } from '../auth/current-agent.decorator.js';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { SearchPageSchema, SavedViewCountsSchema, SavedViewListSchema, SavedViewSchema } from './dto/search-answers.schema.js';
import { ChangeViewBody, SaveViewBody, SEARCH_LIMITS, SearchQuery } from './dto/search-filters.dto.js';
import { SavedViews } from './saved-views.service.js';
import { decodeSearchCursor, searchRequest } from './search-request.js';
import { SearchTickets } from './search-tickets.use-case.js';

@ApiTags('search')
@Controller('api')
@UseGuards(AgentAuthGuard)
@ApiBearerAuth()
export class SearchController {
  constructor(
    private readonly searchTickets: SearchTickets,
    private readonly views: SavedViews,
  ) {}

  @Get('search')
  @ApiOperation({
    summary: 'Search the tickets the agent may see',
    description:
      'Words in Chinese or English (subject, description, customer name, messages and internal notes), ticket codes, ' +
      'emails and phones (from 3 characters, any part). A Latin word or number matches as a prefix from 3 characters, ' +
      'exactly when shorter; Chinese particles beside other words are left out. Ranked: the code itself, then the email or phone itself, then ' +
      'partial codes/emails/phones/names, then by text rank; newest first without q. Filters work with or without q.',
  })
  @ApiOkResponse({ type: SearchPageSchema })
  async search(@CurrentAgent() agent: AuthenticatedAgent, @Query() query: SearchQuery): Promise<SearchPage> {
    const request = searchRequest(
      query.q,
      {
        status: query.status, owner: query.ownerId, team: query.teamId, tags: query.tags, priority: query.priority,
        tier: query.tier, channel: query.channel, kind: query.kind, from: query.from, to: query.to, breaching: query.breaching,
      },
      query.sort,
      (field) => ({ owner: 'ownerId', team: 'teamId' })[field] ?? field,
    );
    return this.searchTickets.execute(agent, request, query.limit ?? SEARCH_LIMITS.pageDefault, decodeSearchCursor(query.cursor, request.sort));
  }

  @Get('views')
  @ApiOperation({ summary: 'The agent\'s personal saved views and the views shared with their team' })
  @ApiOkResponse({ type: SavedViewListSchema })
  async listViews(@CurrentAgent() agent: AuthenticatedAgent): Promise<SavedViewList> {
    return { items: await this.views.list(agent) };
  }

  @Get('views/counts')
  @ApiOperation({ summary: 'How many tickets the agent may see match each of their views (up to 999)' })
  @ApiOkResponse({ type: SavedViewCountsSchema })
  async viewCounts(@CurrentAgent() agent: AuthenticatedAgent): Promise<SavedViewCounts> {
    return { items: await this.views.counts(agent) };
  }

  @Post('views')
  @ApiOperation({ summary: 'Save a view: personal, or shared with a team (an agent\'s own team; a supervisor\'s any team)' })
  @ApiCreatedResponse({ type: SavedViewSchema })
  createView(@CurrentAgent() agent: AuthenticatedAgent, @Body() body: SaveViewBody): Promise<SavedView> {
    return this.views.create(agent, body);
  }

  @Patch('views/:id')
  @ApiOperation({ summary: 'Rename a view or change its query, filters or order (its owner; a team view\'s creator or a supervisor)' })
  @ApiOkResponse({ type: SavedViewSchema })
  changeView(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string, @Body() body: ChangeViewBody): Promise<SavedView> {
    return this.views.change(agent, id, body);
  }

  @Delete('views/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a view (its owner; a team view\'s creator or a supervisor)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async deleteView(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.views.delete(agent, id);
  }
}
