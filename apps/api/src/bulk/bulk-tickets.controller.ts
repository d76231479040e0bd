import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { BulkTicketAnswer } from '@firsthand/http-contracts';
import { AgentAuthGuard, RequireRoles } from '../auth/agent-auth.guard.js';
import type { AuthenticatedAgent } from '../auth/authenticated-agent.js';
import { CurrentAgent } from '../auth/current-agent.decorator.js';
import { BulkTicketAnswerSchema, BulkTicketDoneSchema, BulkTicketRefusedSchema, BulkTicketsDto } from './dto/bulk-tickets.dto.js';
import { CurrentAuditScene } from '../audit/audit-scene.decorator.js';
import type { AuditScene } from '../audit/audit-trail.js';
import { BulkTicketAction } from './use-cases/bulk-ticket-action.use-case.js';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('api/tickets/bulk')
@UseGuards(AgentAuthGuard)
export class BulkTicketsController {
  constructor(private readonly bulk: BulkTicketAction) {}

  @Post()
  @HttpCode(200)
  @RequireRoles('supervisor', 'admin')
  @ApiExtraModels(BulkTicketDoneSchema, BulkTicketRefusedSchema)
  @ApiOperation({ summary: 'Reassign (with a reason), tag or close as spam up to 100 tickets; each by its own rules, answered per ticket' })
  @ApiOkResponse({ type: BulkTicketAnswerSchema })
  async act(@CurrentAgent() agent: AuthenticatedAgent, @CurrentAuditScene() scene: AuditScene, @Body() body: BulkTicketsDto): Promise<BulkTicketAnswer> {
    return this.bulk.execute(agent, body, scene);
  }
}
