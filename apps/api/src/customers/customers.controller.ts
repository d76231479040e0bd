import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CustomerNotFound } from '@firsthand/domain';
import type { CustomerChangeAnswer, CustomerMatchList, CustomerProfile } from '@firsthand/http-contracts';
import { CustomerProfiles } from '@firsthand/persistence';
import { AgentAuthGuard, RequireRoles } from '../auth/agent-auth.guard.js';
import type { AuthenticatedAgent } from '../auth/authenticated-agent.js';
import { CurrentAgent } from '../auth/current-agent.decorator.js';
import { decodeCursor, encodeCursor } from '../http/keyset-cursor.js';
import { CurrentAuditScene } from '../audit/audit-scene.decorator.js';
import type { AuditScene } from '../audit/audit-trail.js';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { CustomerChangeAnswerSchema, CustomerMatchListSchema, CustomerProfileSchema } from './dto/customer-answers.schema.js';
import { ChangeCustomerDto, CustomerProfileQuery, CustomerSearchQuery, MergeCustomerDto } from './dto/customer-requests.dto.js';
import { ChangeCustomerTier } from './use-cases/change-customer-tier.use-case.js';
import { MergeCustomers } from './use-cases/merge-customers.use-case.js';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const supervisorsOnly = problem('Only supervisors and admins; nothing changed');

@ApiTags('customers')
@ApiBearerAuth()
@Controller('api/customers')
@UseGuards(AgentAuthGuard)
export class CustomersController {
  constructor(
    private readonly profiles: CustomerProfiles,
    private readonly changeTier: ChangeCustomerTier,
    private readonly merge: MergeCustomers,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Find customers by part of a name, email or phone (merged-away records are left out)' })
  @ApiOkResponse({ type: CustomerMatchListSchema })
  search(@Query() query: CustomerSearchQuery): Promise<CustomerMatchList> {
    return this.profiles.search(query.q.trim(), query.limit ?? 10);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A customer with the tickets the agent may see, their ratings and repeat contacts; a merged-away id answers with its survivor' })
  @ApiOkResponse({ type: CustomerProfileSchema })
  async profile(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string, @Query() query: CustomerProfileQuery): Promise<CustomerProfile> {
    const profile = await this.profiles.profile(agent, id, { limit: query.limit ?? 20, cursor: decodeCursor(query.cursor) });
    if (!profile) throw new CustomerNotFound();
    return { ...profile, tickets: { items: profile.tickets.items, nextCursor: encodeCursor(profile.tickets.nextCursor) } };
  }

  @Patch(':id')
  @RequireRoles('supervisor', 'admin')
  @ApiOperation({ summary: "Change a customer's tier; their open tickets follow it (see docs/customers.md)" })
  @ApiOkResponse({ type: CustomerChangeAnswerSchema })
  @ApiResponse({ status: 403, ...supervisorsOnly })
  @ApiResponse({ status: 409, ...problem('The record was merged into another (`mergedIntoId`), or erased (`customer-erased`); nothing changed') })
  @ApiResponse({ status: 422, ...problem('More than 1000 open tickets would change (`limit`); nothing changed') })
  update(@CurrentAgent() agent: AuthenticatedAgent, @CurrentAuditScene() scene: AuditScene, @Param('id', uuidParam()) id: string, @Body() body: ChangeCustomerDto): Promise<CustomerChangeAnswer> {
    return this.changeTier.execute(agent, id, body.tier, scene);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @RequireRoles('supervisor', 'admin')
  @ApiOperation({ summary: 'Merge a duplicate record into this customer: its tickets move here, it is marked merged' })
  @ApiOkResponse({ type: CustomerChangeAnswerSchema })
  @ApiResponse({ status: 403, ...supervisorsOnly })
  @ApiResponse({ status: 409, ...problem('The same record twice, one already merged away (`mergedIntoId`), or one erased or being erased (`customer-erased`); nothing changed') })
  @ApiResponse({ status: 422, ...problem('The duplicate has more than 1000 tickets (`limit`); nothing changed') })
  mergeDuplicate(@CurrentAgent() agent: AuthenticatedAgent, @CurrentAuditScene() scene: AuditScene, @Param('id', uuidParam()) id: string, @Body() body: MergeCustomerDto): Promise<CustomerChangeAnswer> {
    return this.merge.execute(agent, id, body.duplicateId, scene);
  }
}
