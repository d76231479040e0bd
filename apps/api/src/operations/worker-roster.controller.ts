import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WORKER_ROLES } from '@firsthand/config';
import type { WorkerRosterView } from '@firsthand/http-contracts';
import { WorkerRoster } from '@firsthand/persistence';
import { AgentAuthGuard, RequireRoles } from '../auth/agent-auth.guard.js';
import { WorkerRosterSchema } from './dto/worker-roster.schema.js';

/**
 * Which worker processes are alive and what they run, so a supervisor sees a role that nobody runs
 * (its work waits without an error anywhere: SLA warnings not firing, no email sent).
 */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('api/worker-processes')
@UseGuards(AgentAuthGuard)
export class WorkerRosterController {
  constructor(private readonly roster: WorkerRoster) {}

  @Get()
  @RequireRoles('supervisor', 'admin')
  @ApiOperation({ summary: 'The living worker processes, how many run each role, and the roles nobody runs (supervisor)' })
  @ApiOkResponse({ type: WorkerRosterSchema })
  async list(): Promise<WorkerRosterView> {
    const coverage = await this.roster.coverage(WORKER_ROLES);
    return {
      processes: coverage.living.map((p) => ({ id: p.id, hostname: p.hostname, pid: p.pid, roles: [...p.roles], startedAt: p.startedAt.toISOString(), seenAt: p.seenAt.toISOString() })),
      roles: coverage.roles,
      uncoveredRoles: coverage.uncovered,
      checkedAt: coverage.now.toISOString(),
    };
  }
}
