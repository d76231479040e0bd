import { Body, Controller, Get, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { TeamEntity } from '@firsthand/persistence';
import type { DataSource } from 'typeorm';
import { AgentAuthGuard, RequireRoles } from '../auth/agent-auth.guard.js';
import { HttpProblem } from '../http/problem.js';
import { CreateTeamDto } from './agent.dto.js';
import { TeamListSchema, TeamViewSchema } from './dto/agent-view.schema.js';

@ApiTags('agents')
@ApiBearerAuth()
@Controller('api/teams')
@UseGuards(AgentAuthGuard)
export class TeamsController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'List teams' })
  @ApiOkResponse({ type: TeamListSchema })
  async list() {
    return { items: await this.db.getRepository(TeamEntity).find({ order: { name: 'ASC' } }) };
  }

  @Post()
  @RequireRoles('supervisor', 'admin')
  @ApiOperation({ summary: 'Create a team' })
  @ApiCreatedResponse({ type: TeamViewSchema })
  async create(@Body() body: CreateTeamDto) {
    return this.db.transaction(async (em) => {
      if (body.isDefault) await em.query(`UPDATE teams SET is_default = false WHERE is_default`);
      const rows: Array<{ id: string }> = await em.query(
        `INSERT INTO teams (name, is_default) VALUES ($1, $2) ON CONFLICT ((lower(name))) DO NOTHING RETURNING id`,
        [body.name, body.isDefault ?? false],
      );
      if (rows.length === 0) throw new HttpProblem(409, 'team-exists', 'Team exists', `A team named ${body.name} already exists.`);
      return em.findOneByOrFail(TeamEntity, { id: rows[0].id });
    });
  }
}
