import { Controller, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuditEntryDraft } from '@firsthand/domain';
import { AgentSessions, SecondFactors } from '@firsthand/persistence';
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
 * An admin's hold on an agent's account. A lock ends every session at once (REST and sockets, in
 * every process, through the agent-change feed) and refuses sign-in until an admin unlocks; a
 * second-factor reset is for an agent who lost their authenticator.
 */
@ApiTags('agents')
@ApiBearerAuth()
@Controller('api/agents')
@UseGuards(AgentAuthGuard)
@RequireRoles('admin')
export class AgentLockController {
  constructor(
    private readonly sessions: AgentSessions,
    private readonly secondFactors: SecondFactors,
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

  @Post(':id/two-factor/reset')
  @HttpCode(204)
  @ApiOperation({ summary: "Reset an agent's two-factor sign-in: their authenticator and recovery codes are removed and every session ends; they enrol again at the next sign-in" })
  @ApiNoContentResponse({ description: 'Reset; the agent is signed out everywhere' })
  @ApiResponse({ status: 404, description: 'No such agent', content: problemContent })
  @ApiResponse({ status: 409, description: 'The agent does not use two-factor sign-in, or it is your own (use the two-factor page)', content: problemContent })
  async resetSecondFactor(@CurrentAgent() actor: AuthenticatedAgent, @Param('id', uuidParam()) id: string, @Req() request: RequestWithAgent): Promise<void> {
    if (id === actor.id) throw new HttpProblem(409, 'cannot-reset-own-second-factor', 'Cannot reset your own second factor', 'Turn your own two-factor sign-in off on your two-factor page, with a code or your password.');
    const scene = auditSceneOf(request);
    const outcome = await this.audit.inside(scene, async (tx) => {
      const result = await this.secondFactors.resetWithin(tx, id);
      const entries: AuditEntryDraft[] = result === 'reset' ? [{ action: 'two_factor.reset', target: { type: 'agent', id, label: null }, before: { method: 'totp' } }] : [];
      return { result, entries };
    });
    if (outcome === 'no-agent') throw notFound();
    if (outcome === 'not-on') throw new HttpProblem(409, 'second-factor-not-on', 'Two-factor sign-in is not on', 'This agent has no confirmed authenticator; nothing was changed.');
  }
}

const notFound = () => new HttpProblem(404, 'agent-not-found', 'Agent not found', 'No agent has this id.');
