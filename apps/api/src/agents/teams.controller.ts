import { Body, Controller, Get, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TeamList, TeamView } from '@firsthand/http-contracts';
import { TeamStore, type Team } from '@firsthand/persistence';
import { AgentAuthGuard, RequireRoles } from '../auth/agent-auth.guard.js';
import { CurrentAuditScene } from '../audit/audit-scene.decorator.js';
import type { AuditScene } from '../audit/audit-trail.js';
import { CreateTeamDto } from './agent.dto.js';
import { TeamListSchema, TeamViewSchema } from './dto/agent-view.schema.js';
import { CreateTeam } from './use-cases/create-team.use-case.js';

const teamView = (t: Team): TeamView => ({ id: t.id, name: t.name, isDefault: t.isDefault, createdAt: t.createdAt.toISOString() });

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
  async list(): Promise<TeamList> {
    return { items: (await this.teams.list()).map(teamView) };
  }

  @Post()
  @RequireRoles('supervisor', 'admin')
  @ApiOperation({ summary: 'Create a team' })
  @ApiCreatedResponse({ type: TeamViewSchema })
  async create(@CurrentAuditScene() scene: AuditScene, @Body() body: CreateTeamDto): Promise<TeamView> {
    return teamView(await this.createTeam.execute(body.name, body.isDefault ?? false, scene));
  }
}
