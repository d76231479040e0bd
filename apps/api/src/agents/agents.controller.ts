import { Body, Controller, Get, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { isSupervisorRole } from '@firsthand/domain';
import { AgentEntity, TeamEntity } from '@firsthand/persistence';
import type { DataSource } from 'typeorm';
import { AgentAuthGuard, RequireRoles } from '../auth/agent-auth.guard.js';
import type { AuthenticatedAgent } from '../auth/authenticated-agent.js';
import { CurrentAgent } from '../auth/current-agent.decorator.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { LiveUpdates } from '../live/live-updates.js';
import { HttpProblem, RequestValidationFailed } from '../http/problem.js';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { RegisterAgentDto, UpdateAgentDto } from './agent.dto.js';
import { AgentListSchema, AgentViewSchema } from './dto/agent-view.schema.js';

const publicAgent = (a: AgentEntity) => ({ id: a.id, name: a.name, email: a.email, role: a.role, teamId: a.teamId, presence: a.presence, active: a.active, createdAt: a.createdAt });

/** Supervisors manage agents and seniors of any team; only admins create or change supervisors and admins. */
function assertMayManageRole(actor: AuthenticatedAgent, role: string): void {
  if (actor.role !== 'admin' && isSupervisorRole(role as never)) {
    throw new HttpProblem(403, 'role-required', 'Role required', 'Only an admin may create or change supervisors and admins.', { requiredRoles: ['admin'] });
  }
}

@ApiTags('agents')
@ApiBearerAuth()
@Controller('api/agents')
@UseGuards(AgentAuthGuard)
@RequireRoles('supervisor', 'admin')
export class AgentsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly live: LiveUpdates,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List agents' })
  @ApiOkResponse({ type: AgentListSchema })
  async list() {
    const agents = await this.db.getRepository(AgentEntity).find({ order: { name: 'ASC' } });
    return { items: agents.map(publicAgent) };
  }

  @Post()
  @ApiOperation({ summary: 'Register an agent' })
  @ApiCreatedResponse({ type: AgentViewSchema })
  async register(@CurrentAgent() actor: AuthenticatedAgent, @Body() body: RegisterAgentDto) {
    assertMayManageRole(actor, body.role);
    await this.assertTeamExists(body.teamId);
    const passwordHash = await this.hasher.hash(body.password);
    const rows: AgentEntity[] = await this.db.query(
      `INSERT INTO agents (name, email, password_hash, role, team_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
      [body.name, body.email.toLowerCase(), passwordHash, body.role, body.teamId ?? null],
    );
    if (rows.length === 0) throw new HttpProblem(409, 'email-taken', 'Email already registered', `An agent with ${body.email} already exists.`);
    return publicAgent((await this.db.getRepository(AgentEntity).findOneByOrFail({ id: rows[0].id })));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename, move, change the role of, disable or enable an agent' })
  @ApiOkResponse({ type: AgentViewSchema })
  async update(@CurrentAgent() actor: AuthenticatedAgent, @Param('id', uuidParam()) id: string, @Body() body: UpdateAgentDto) {
    const repo = this.db.getRepository(AgentEntity);
    const agent = await repo.findOneBy({ id });
    if (!agent) throw new HttpProblem(404, 'agent-not-found', 'Agent not found', 'No such agent.');
    assertMayManageRole(actor, agent.role);
    if (body.role) assertMayManageRole(actor, body.role);
    if (agent.id === actor.id && body.active === false) {
      throw new HttpProblem(409, 'cannot-disable-self', 'Cannot disable yourself', 'Ask another supervisor or admin.');
    }
    await this.assertTeamExists(body.teamId);
    await repo.update({ id }, { ...body });
    // A disabled agent's open sockets are dropped on every gateway, not just refused on reconnect.
    if (body.active === false) this.live.agentRevoked(id, 'Your account was disabled.');
    return publicAgent(await repo.findOneByOrFail({ id }));
  }

  private async assertTeamExists(teamId: string | undefined): Promise<void> {
    if (teamId && !(await this.db.getRepository(TeamEntity).existsBy({ id: teamId }))) {
      throw new RequestValidationFailed([{ field: 'teamId', messages: ['teamId must name an existing team'] }]);
    }
  }
}
