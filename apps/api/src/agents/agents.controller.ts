import { Body, Controller, Get, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AgentList, AgentView } from '@firsthand/http-contracts';
import { AgentStore, type AgentProfile } from '@firsthand/persistence';
import { AgentAuthGuard, RequireRoles } from '../auth/agent-auth.guard.js';
import type { AuthenticatedAgent } from '../auth/authenticated-agent.js';
import { CurrentAgent } from '../auth/current-agent.decorator.js';
import { CurrentAuditScene } from '../audit/audit-scene.decorator.js';
import type { AuditScene } from '../audit/audit-trail.js';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { RegisterAgentDto, UpdateAgentDto } from './agent.dto.js';
import { AgentListSchema, AgentViewSchema } from './dto/agent-view.schema.js';
import { ChangeAgent } from './use-cases/change-agent.use-case.js';
import { RegisterAgent } from './use-cases/register-agent.use-case.js';

const publicAgent = (a: AgentProfile): AgentView => ({
  id: a.id, name: a.name, email: a.email, role: a.role, teamId: a.teamId, presence: a.presence, active: a.active, createdAt: a.createdAt.toISOString(), locked: a.locked, twoFactor: a.twoFactor,
});

@ApiTags('agents')
@ApiBearerAuth()
@Controller('api/agents')
@UseGuards(AgentAuthGuard)
@RequireRoles('supervisor', 'admin')
export class AgentsController {
  constructor(
    private readonly agents: AgentStore,
    private readonly registerAgent: RegisterAgent,
    private readonly changeAgent: ChangeAgent,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List agents' })
  @ApiOkResponse({ type: AgentListSchema })
  async list(): Promise<AgentList> {
    return { items: (await this.agents.list()).map(publicAgent) };
  }

  @Post()
  @ApiOperation({ summary: 'Register an agent' })
  @ApiCreatedResponse({ type: AgentViewSchema })
  @ApiResponse({ status: 422, description: 'weak-password: shorter than 12 characters or easy to guess (`errors` names the field; `refusal` is too-short, too-long or guessable, `warning` the estimator’s reason code such as similarToCommon); nothing stored', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })
  async register(@CurrentAgent() actor: AuthenticatedAgent, @CurrentAuditScene() scene: AuditScene, @Body() body: RegisterAgentDto): Promise<AgentView> {
    return publicAgent(await this.registerAgent.execute(actor, body, scene));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename, move, change the role of, disable or enable an agent' })
  @ApiOkResponse({ type: AgentViewSchema })
  async update(@CurrentAgent() actor: AuthenticatedAgent, @CurrentAuditScene() scene: AuditScene, @Param('id', uuidParam()) id: string, @Body() body: UpdateAgentDto): Promise<AgentView> {
    return publicAgent(await this.changeAgent.execute(actor, id, body, scene));
  }
}
