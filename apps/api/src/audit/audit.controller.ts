import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { AuditPage } from '@firsthand/http-contracts';
import { AgentAuthGuard, RequireRoles } from '../auth/agent-auth.guard.js';
import type { AuthenticatedAgent } from '../auth/authenticated-agent.js';
import { CurrentAgent } from '../auth/current-agent.decorator.js';
import { RateLimiter } from '../limits/rate-limiter.js';
import { CurrentAuditScene } from './audit-scene.decorator.js';
import type { AuditScene } from './audit-trail.js';
import { AuditPageSchema } from './dto/audit-page.schema.js';
import { AuditQuery } from './dto/audit-query.dto.js';
import { ReadAudit } from './read-audit.use-case.js';

interface ReplyLike {
  header(name: string, value: string): ReplyLike;
}

/** Exports read up to 10,000 rows each: a few a minute per admin is plenty for people. */
const EXPORTS_PER_AGENT = { limit: 10, windowSeconds: 60 };

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
@UseGuards(AgentAuthGuard)
@RequireRoles('admin')
@ApiExtraModels(AuditPageSchema)
export class AuditController {
  constructor(
    private readonly audit: ReadAudit,
    private readonly limiter: RateLimiter,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The audit log, newest first, filtered; format=csv downloads every matching entry (admin)' })
  @ApiOkResponse({
    description: 'A page of entries (JSON), or with format=csv all matching entries as CSV',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(AuditPageSchema) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiResponse({ status: 422, description: 'audit-export-too-large: more than 10,000 entries match; narrow the filter', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } })
  async list(
    @CurrentAgent() agent: AuthenticatedAgent,
    @CurrentAuditScene() scene: AuditScene,
    @Query() query: AuditQuery,
    @Res({ passthrough: true }) reply: ReplyLike,
  ): Promise<AuditPage | string> {
    if (query.format !== 'csv') return this.audit.page(query);
    await this.limiter.take('audit-export', agent.id, EXPORTS_PER_AGENT, {
      code: 'too-many-exports', title: 'Too many exports', detail: (rule) => `At most ${rule.limit} audit exports a minute.`,
    });
    const csv = await this.audit.csv(scene, query);
    reply.header('Content-Type', 'text/csv; charset=utf-8');
    reply.header('Content-Disposition', 'attachment; filename="audit.csv"');
    return csv;
  }
}
