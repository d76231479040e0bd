import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ColleagueList } from '@firsthand/http-contracts';
import { AgentEntity } from '@firsthand/persistence';
import type { DataSource } from 'typeorm';
import { AgentAuthGuard } from '../auth/agent-auth.guard.js';
import { ColleagueListSchema } from './dto/colleague-list.schema.js';

/** Who an agent can hand a ticket to (or a supervisor reassign it to): active agents, without their email. */
@ApiTags('agents')
@ApiBearerAuth()
@Controller('api/colleagues')
@UseGuards(AgentAuthGuard)
export class ColleaguesController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Active agents (id, name, role, team, presence), for handoff and reassignment' })
  @ApiOkResponse({ type: ColleagueListSchema })
  async list(): Promise<ColleagueList> {
    const agents = await this.db.getRepository(AgentEntity).find({ where: { active: true }, order: { name: 'ASC' } });
    return { items: agents.map((a) => ({ id: a.id, name: a.name, role: a.role, teamId: a.teamId, presence: a.presence })) };
  }
}
