import { Body, Controller, Get, Param, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SlaPreview } from '@firsthand/http-contracts';
import { SlaPolicyStore, slaTargetsOf, type SlaPolicy } from '@firsthand/persistence';
import { AgentAuthGuard, RequireRoles } from '../auth/agent-auth.guard.js';
import { CurrentAuditScene } from '../audit/audit-scene.decorator.js';
import type { AuditScene } from '../audit/audit-trail.js';
import { SlaPolicyChangeDto, SlaPolicyParams, SlaPreviewQuery } from './sla-policy.dto.js';
import { SlaPreviewSchema } from './sla-preview.schema.js';
import { PreviewSlaDue } from './use-cases/preview-sla-due.use-case.js';
import { SetSlaTargets } from './use-cases/set-sla-targets.use-case.js';

const view = (p: SlaPolicy) => ({
  priority: p.priority,
  tier: p.tier,
  ...slaTargetsOf(p),
  firstResponseSeconds: p.firstResponseSeconds,
  updateCadenceSeconds: p.updateCadenceSeconds,
  resolutionSeconds: p.resolutionSeconds,
  updatedAt: p.updatedAt,
  calendarId: p.calendarId,
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
    private readonly previewDue: PreviewSlaDue,
  ) {}

  @Get()
  @ApiOperation({ summary: 'All SLA policies (priority x tier)' })
  async list() {
    return { items: (await this.policies.list()).map(view) };
  }

  @Get('preview')
  @ApiOperation({ summary: 'When a ticket opened at `at` (default now) would be due: first response, next update, resolution, in business time' })
  @ApiOkResponse({ type: SlaPreviewSchema })
  preview(@Query() query: SlaPreviewQuery): Promise<SlaPreview> {
    return this.previewDue.execute(query);
  }

  @Put(':priority/:tier')
  // Issue 14: supervisors keep the policies in their own UI, not only admins through the API.
  @RequireRoles('supervisor', 'admin')
  @ApiOperation({ summary: 'Set the targets of one policy (supervisor, admin)' })
  async update(@CurrentAuditScene() scene: AuditScene, @Param() params: SlaPolicyParams, @Body() body: SlaPolicyChangeDto) {
    return view(await this.setTargets.execute(params.priority, params.tier, body, scene));
  }
}
