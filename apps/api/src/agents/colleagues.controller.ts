import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AgentStore } from '@firsthand/persistence';
import { AgentAuthGuard } from '../auth/agent-auth.guard.js';

/** Who an agent can hand a ticket to (or a supervisor reassign it to): active agents, without their email. */
@ApiTags('agents')
@ApiBearerAuth()
@Controller('api/colleagues')
@UseGuards(AgentAuthGuard)
export class ColleaguesController {
  constructor(private readonly agents: AgentStore) {}

  @Get()
  @ApiOperation({ summary: 'Active agents (id, name, role, team, presence), for handoff and reassignment' })
  async list() {
    return { items: await this.agents.colleagues() };
  }
}
