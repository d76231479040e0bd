import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SlaPolicyStore, type SlaPolicy } from '@firsthand/persistence';
import { AgentAuthGuard, RequireRoles } from '../auth/agent-auth.guard.js';
import { SlaPolicyParams, SlaTargetsDto } from './sla-policy.dto.js';
import { SetSlaTargets } from './use-cases/set-sla-targets.use-case.js';

const view = (p: SlaPolicy) => ({
  priority: p.priority,
  tier: p.tier,
  firstResponseMinutes: p.firstResponseSeconds / 60,
  updateCadenceMinutes: p.updateCadenceSeconds / 60,
  resolutionMinutes: p.resolutionSeconds / 60,
  firstResponseSeconds: p.firstResponseSeconds,
  updateCadenceSeconds: p.updateCadenceSeconds,
  resolutionSeconds: p.resolutionSeconds,
  updatedAt: p.updatedAt,
});

/** SLA targets per priority x tier. A change applies to tickets opened after it; open tickets keep the due times they were promised. */
@ApiTags('sla policies')
@ApiBearerAuth()
@Controller('api/sla-policies')
@UseGuards(AgentAuthGuard)
export class SlaPoliciesController {
  constructor(
    private readonly policies: SlaPolicyStore,
    private readonly setTargets: SetSlaTargets,
  ) {}

  @Get()
  @ApiOperation({ summary: 'All SLA policies (priority x tier)' })
  async list() {
    return { items: (await this.policies.list()).map(view) };
  }

  @Put(':priority/:tier')
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Set the targets of one policy (admin)' })
  async update(@Param() params: SlaPolicyParams, @Body() body: SlaTargetsDto) {
    return view(await this.setTargets.execute(params.priority, params.tier, body));
  }
}
