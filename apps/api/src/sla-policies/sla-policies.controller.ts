import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { SlaPolicyEntity } from '@firsthand/persistence';
import type { DataSource } from 'typeorm';
import { AgentAuthGuard, RequireRoles } from '../auth/agent-auth.guard.js';
import { RequestValidationFailed } from '../http/problem.js';
import { SlaPolicyParams, SlaTargetsDto } from './sla-policy.dto.js';

const view = (p: SlaPolicyEntity) => ({
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
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'All SLA policies (priority x tier)' })
  async list() {
    const policies = await this.db.getRepository(SlaPolicyEntity).find();
    const order = (p: SlaPolicyEntity) => ['urgent', 'high', 'normal', 'low'].indexOf(p.priority) * 3 + ['vip', 'member', 'standard'].indexOf(p.tier);
    return { items: policies.sort((a, b) => order(a) - order(b)).map(view) };
  }

  @Put(':priority/:tier')
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Set the targets of one policy (admin)' })
  async update(@Param() params: SlaPolicyParams, @Body() body: SlaTargetsDto) {
    if (body.firstResponseMinutes > body.resolutionMinutes) {
      throw new RequestValidationFailed([{ field: 'firstResponseMinutes', messages: ['firstResponseMinutes must not exceed resolutionMinutes'] }]);
    }
    const repo = this.db.getRepository(SlaPolicyEntity);
    const seconds = (minutes: number) => Math.max(1, Math.round(minutes * 60));
    await repo.update(
      { priority: params.priority, tier: params.tier },
      {
        firstResponseSeconds: seconds(body.firstResponseMinutes),
        updateCadenceSeconds: seconds(body.updateCadenceMinutes),
        resolutionSeconds: seconds(body.resolutionMinutes),
      },
    );
    return view(await repo.findOneByOrFail({ priority: params.priority, tier: params.tier }));
  }
}
