import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, PickType } from '@nestjs/swagger';
import type { AssistFirstContactFigures, AssistFirstContactReport } from '@firsthand/http-contracts';
import { AssistStore } from '@firsthand/persistence';
import { AgentAuthGuard, RequireRoles } from '../auth/agent-auth.guard.js';
import { FcrQuery } from '../metrics/dto/fcr-query.dto.js';
import { AssistFirstContactReportSchema } from './dto/assist.schema.js';

export class AssistReportQuery extends PickType(FcrQuery, ['from', 'to'] as const) {}

const figures = (f: { resolved: number; firstContact: number }): AssistFirstContactFigures => ({ ...f, rate: f.resolved === 0 ? null : f.firstContact / f.resolved });

@ApiTags('metrics')
@ApiBearerAuth()
@Controller('api/metrics')
@UseGuards(AgentAuthGuard)
@RequireRoles('supervisor', 'admin')
export class AssistMetricsController {
  constructor(private readonly assist: AssistStore) {}

  @Get('assist')
  @ApiOperation({ summary: 'First-contact rate of the tickets resolved in the period where an agent used an assist suggestion, and of those where none did (supervisor)' })
  @ApiOkResponse({ type: AssistFirstContactReportSchema })
  async report(@Query() query: AssistReportQuery): Promise<AssistFirstContactReport> {
    const split = await this.assist.firstContactSplit(query.from, query.to);
    return { from: query.from, to: query.to, used: figures(split.used), notUsed: figures(split.notUsed) };
  }
}
