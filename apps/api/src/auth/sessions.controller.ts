import { Controller, Delete, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { SignedInAgent, SignInSessionList } from '@firsthand/http-contracts';
import { AgentSessions } from '@firsthand/persistence';
import { HttpProblem } from '../http/problem.js';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { AgentAuthGuard, OpenDuringEnrolment, type RequestWithAgent } from './agent-auth.guard.js';
import { SignedInAgentSchema } from './dto/login-answer.schema.js';
import { RevokedCountSchema, SignInSessionListSchema } from './dto/session.schema.js';
import { auditSceneOf } from '../audit/audit-scene.decorator.js';
import { AuditTrail } from '../audit/audit-trail.js';

const problemContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

/** The signed-in agent themself: who they are now, and their own sessions (list them, end this one, one other, or all). */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/auth')
@UseGuards(AgentAuthGuard)
@OpenDuringEnrolment()
export class SessionsController {
  constructor(
    private readonly sessions: AgentSessions,
    private readonly audit: AuditTrail,
  ) {}

  @Get('me')
  @ApiOperation({
    summary: 'Who I am now: my name, role and team as they stand, not as they were at sign-in',
    description: 'The web app asks on every load, so a role or team changed since sign-in shows at once (the API enforces the current role either way).',
  })
  @ApiOkResponse({ type: SignedInAgentSchema })
  me(@Req() request: RequestWithAgent): SignedInAgent {
    const agent = request.agent!;
    return { id: agent.id, name: agent.name, email: agent.email, role: agent.role, teamId: agent.teamId };
  }

  @Get('sessions')
  @ApiOperation({ summary: 'List my live sign-in sessions' })
  @ApiOkResponse({ type: SignInSessionListSchema })
  async list(@Req() request: RequestWithAgent): Promise<SignInSessionList> {
    const live = await this.sessions.listLive(request.agent!.id);
    return { items: live.map(({ enrolmentOnly: _, ...session }) => ({ ...session, current: session.id === request.session!.id })) };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: end this session (its token stops working at once, its sockets close)' })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(@Req() request: RequestWithAgent): Promise<void> {
    await this.sessions.revoke(request.agent!.id, request.session!.id);
  }

  @Post('logout-everywhere')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign out everywhere: end every session of mine, this one included' })
  @ApiOkResponse({ type: RevokedCountSchema })
  async logoutEverywhere(@Req() request: RequestWithAgent): Promise<{ revoked: number }> {
    const revoked = await this.sessions.revokeAll(request.agent!.id);
    const agent = request.agent!;
    await this.audit.recordAlone(auditSceneOf(request), { action: 'session.signed_out_everywhere', target: { type: 'agent', id: agent.id, label: agent.name }, after: { revoked } });
    return { revoked };
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'End one of my sessions (another browser or device)' })
  @ApiNoContentResponse({ description: 'Ended' })
  @ApiResponse({ status: 404, description: 'No live session of mine has this id', content: problemContent })
  async revoke(@Req() request: RequestWithAgent, @Param('id', uuidParam()) id: string): Promise<void> {
    if (!(await this.sessions.revoke(request.agent!.id, id))) throw new HttpProblem(404, 'session-not-found', 'Session not found', 'No live session of yours has this id.');
    await this.audit.recordAlone(auditSceneOf(request), { action: 'session.revoked', target: { type: 'session', id, label: request.agent!.name } });
  }
}
