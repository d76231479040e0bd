import { Body, Controller, Get, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TeamStore } from '@firsthand/persistence';
import { AgentAuthGuard, RequireRoles } from '../auth/agent-auth.guard.js';
import { CreateTeamDto } from './agent.dto.js';
import { TeamListSchema, TeamViewSchema } from './dto/agent-view.schema.js';
import { CreateTeam } from './use-cases/create-team.use-case.js';

@ApiTags('agents')
@ApiBearerAuth()
@Controller('api/teams')
@UseGuards(AgentAuthGuard)
export class TeamsController {
  constructor(
    private readonly teams: TeamStore,
    private readonly createTeam: CreateTeam,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List teams' })
  @ApiOkResponse({ type: TeamListSchema })
  async list() {
    return { items: await this.teams.list() };
  }

  @Post()
  @RequireRoles('supervisor', 'admin')
  @ApiOperation({ summary: 'Create a team' })
  @ApiCreatedResponse({ type: TeamViewSchema })
  create(@Body() body: CreateTeamDto) {
    return this.createTeam.execute(body.name, body.isDefault ?? false);
  }
}
