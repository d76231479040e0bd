import { Controller, Get, Header, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FcrReport, LiveMetricsView } from '@firsthand/http-contracts';
import { CurrentAuditScene } from '../audit/audit-scene.decorator.js';
import { AuditTrail, type AuditScene } from '../audit/audit-trail.js';
import { AgentAuthGuard, RequireRoles } from '../auth/agent-auth.guard.js';
import { FcrQuery } from './dto/fcr-query.dto.js';
import { FcrReportSchema } from './dto/fcr-report.schema.js';
import { LiveMetricsViewSchema } from './dto/live-metrics.schema.js';
import { fcrCsv } from './fcr-csv.js';
import { GetFcrReport } from './use-cases/get-fcr-report.use-case.js';
import { GetLiveMetrics } from './use-cases/get-live-metrics.use-case.js';

interface ReplyLike {
  header(name: string, value: string): ReplyLike;
}

@ApiTags('metrics')
@ApiBearerAuth()
@Controller('api/metrics')
@UseGuards(AgentAuthGuard)
@RequireRoles('supervisor', 'admin')
export class MetricsController {
  constructor(
    private readonly fcrReport: GetFcrReport,
    private readonly liveMetrics: GetLiveMetrics,
    private readonly audit: AuditTrail,
  ) {}

  @Get('fcr')
  @ApiOperation({ summary: 'First-responder and first-contact resolution rates per group, with provisional counts, times and CSAT (supervisor)' })
  @ApiOkResponse({ type: FcrReportSchema })
  fcr(@Query() query: FcrQuery): Promise<FcrReport> {
    return this.fcrReport.execute(query.from, query.to, query.groupBy ?? 'day');
  }

  @Get('fcr.csv')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The same grouped figures as CSV (supervisor)' })
  async fcrCsv(@CurrentAuditScene() scene: AuditScene, @Query() query: FcrQuery, @Res({ passthrough: true }) reply: ReplyLike) {
    const groupBy = query.groupBy ?? 'day';
    const report = await this.fcrReport.execute(query.from, query.to, groupBy);
    // A read, so nothing to join: recorded once the export is built.
    await this.audit.recordAlone(scene, { action: 'metrics.exported', target: { type: 'metrics_report', id: 'fcr', label: 'FCR CSV' }, after: { from: query.from, to: query.to, groupBy, groups: report.groups.length } });
    reply.header('Content-Disposition', `attachment; filename="fcr-${groupBy}-${query.from}-${query.to}.csv"`);
    return fcrCsv(report.groups);
  }

  @Get('live')
  @ApiOperation({ summary: 'Today in the metrics time zone, the open queue by age, unclaimed, breaching now, and per-agent load (supervisor)' })
  @ApiOkResponse({ type: LiveMetricsViewSchema })
  live(): Promise<LiveMetricsView> {
    return this.liveMetrics.execute();
  }
}
