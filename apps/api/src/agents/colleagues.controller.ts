import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ColleagueList } from '@firsthand/http-contracts';
import { AgentStore } from '@firsthand/persistence';
import { AgentAuthGuard } from '../auth/agent-auth.guard.js';
import { ColleagueListSchema } from './dto/colleague-list.schema.js';

/** Who an agent can hand a ticket to (or a supervisor reassign it to): active agents, without their email. */
@ApiTags('agents')
@ApiBearerAuth()
@Controller('api/colleagues')
@UseGuards(AgentAuthGuard)
export class ColleaguesController {
  constructor(private readonly agents: AgentStore) {}

  @Get()
  @ApiOperation({ summary: 'Active agents (id, name, role, team, presence), for handoff and reassignment' })
  @ApiOkResponse({ type: ColleagueListSchema })
  async list(): Promise<ColleagueList> {
    return { items: await this.agents.colleagues() };
  }
}
