import { Body, Controller, Get, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TeamList, TeamView } from '@firsthand/http-contracts';
import { TeamStore, type Team, type TeamWithMembers } from '@firsthand/persistence';
import { AgentAuthGuard, RequireRoles } from '../auth/agent-auth.guard.js';
import { CurrentAuditScene } from '../audit/audit-scene.decorator.js';
import type { AuditScene } from '../audit/audit-trail.js';
import { problem } from '../http/openapi-problems.js';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { CreateTeamDto, RenameTeamDto } from './agent.dto.js';
import { TeamListSchema, TeamViewSchema } from './dto/agent-view.schema.js';
import { CreateTeam } from './use-cases/create-team.use-case.js';
import { RenameTeam } from './use-cases/rename-team.use-case.js';

const teamView = (t: TeamWithMembers): TeamView => ({ id: t.id, name: t.name, isDefault: t.isDefault, createdAt: t.createdAt.toISOString(), activeAgents: t.activeAgents });
// A team just made has nobody in it yet.
const newTeamView = (t: Team): TeamView => teamView({ ...t, activeAgents: 0 });

@ApiTags('agents')
@ApiBearerAuth()
@Controller('api/teams')
@UseGuards(AgentAuthGuard)
export class TeamsController {
  constructor(
    private readonly teams: TeamStore,
    private readonly createTeam: CreateTeam,
    private readonly renameTeam: RenameTeam,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List teams, with how many of their people are active' })
  @ApiOkResponse({ type: TeamListSchema })
  async list(): Promise<TeamList> {
    return { items: (await this.teams.listWithMembers()).map(teamView) };
  }

  @Post()
  @RequireRoles('supervisor', 'admin')
  @ApiOperation({ summary: 'Create a team' })
  @ApiCreatedResponse({ type: TeamViewSchema })
  @problem(409, 'Another team has this name, whatever its case (`team-exists`); nothing changed')
  async create(@CurrentAuditScene() scene: AuditScene, @Body() body: CreateTeamDto): Promise<TeamView> {
    return newTeamView(await this.createTeam.execute(body.name, body.isDefault ?? false, scene));
  }

  @Patch(':id')
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Rename a team (admin)', description: 'Refused while the mail settings route mail to the team by its name, which the workers match only at start; a change of case only is allowed' })
  @ApiOkResponse({ type: TeamViewSchema })
  @problem(404, 'No such team (`team-not-found`)')
  @problem(
    409,
    'Another team has this name, whatever its case (`team-exists`); or settings name this team by its name, MAIL_ADDRESSES or IMAP_MAILBOXES routing mail to it or FIRSTHAND_OIDC_PROVISION_TEAM (`team-named-in-settings`, with `teamId` and `namedIn: [{setting, entry}]`): name it there by its id first. Nothing changed',
  )
  async rename(@CurrentAuditScene() scene: AuditScene, @Param('id', uuidParam()) id: string, @Body() body: RenameTeamDto): Promise<TeamView> {
    return teamView(await this.renameTeam.execute(id, body.name, scene));
  }
}
