import { Controller, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AgentSessions } from '@firsthand/persistence';
import { HttpProblem } from '../http/problem.js';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { AgentAuthGuard, RequireRoles, type RequestWithAgent } from './agent-auth.guard.js';
import type { AuthenticatedAgent } from './authenticated-agent.js';
import { CurrentAgent } from './current-agent.decorator.js';
import { AgentLockStateSchema } from './dto/session.schema.js';
import { auditSceneOf } from '../audit/audit-scene.decorator.js';
import { AuditTrail } from '../audit/audit-trail.js';

const problemContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

/**
 * An admin's lock on an agent: every session ends at once (REST and sockets, in every process,
 * through the agent-change feed) and sign-in is refused until an admin unlocks the agent.
 */
@ApiTags('agents')
@ApiBearerAuth()
@Controller('api/agents')
@UseGuards(AgentAuthGuard)
@RequireRoles('admin')
export class AgentLockController {
  constructor(
    private readonly sessions: AgentSessions,
    private readonly audit: AuditTrail,
  ) {}

  @Post(':id/lock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lock an agent: end all their sessions and refuse sign-in until unlocked' })
  @ApiOkResponse({ type: AgentLockStateSchema })
  @ApiResponse({ status: 404, description: 'No such agent', content: problemContent })
  @ApiResponse({ status: 409, description: 'An admin cannot lock themselves', content: problemContent })
  async lock(@CurrentAgent() actor: AuthenticatedAgent, @Param('id', uuidParam()) id: string, @Req() request: RequestWithAgent): Promise<{ id: string; locked: boolean }> {
    if (id === actor.id) throw new HttpProblem(409, 'cannot-lock-self', 'Cannot lock yourself', 'An admin cannot lock their own account; ask another admin.');
    if (!(await this.sessions.setLocked(id, true))) throw notFound();
    await this.audit.recordAlone(auditSceneOf(request), { action: 'agent.locked', target: { type: 'agent', id, label: null }, before: { locked: false }, after: { locked: true } });
    return { id, locked: true };
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unlock an agent: they may sign in again' })
  @ApiOkResponse({ type: AgentLockStateSchema })
  @ApiResponse({ status: 404, description: 'No such agent', content: problemContent })
  async unlock(@Param('id', uuidParam()) id: string, @Req() request: RequestWithAgent): Promise<{ id: string; locked: boolean }> {
    if (!(await this.sessions.setLocked(id, false))) throw notFound();
    await this.audit.recordAlone(auditSceneOf(request), { action: 'agent.unlocked', target: { type: 'agent', id, label: null }, before: { locked: true }, after: { locked: false } });
    return { id, locked: false };
  }
}

const notFound = () => new HttpProblem(404, 'agent-not-found', 'Agent not found', 'No agent has this id.');
