import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CannedReplyList, CannedReplyUse, CannedReplyView, RenderedCannedReply } from '@firsthand/http-contracts';
import { CannedReplyStore } from '@firsthand/persistence';
import { AgentAuthGuard } from '../auth/agent-auth.guard.js';
import type { AuthenticatedAgent } from '../auth/authenticated-agent.js';
import { CurrentAgent } from '../auth/current-agent.decorator.js';
import { CurrentAuditScene } from '../audit/audit-scene.decorator.js';
import type { AuditScene } from '../audit/audit-trail.js';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { cannedReplyView } from './canned-reply-view.js';
import { CreateCannedReplyDto, ListCannedRepliesQuery, RenderCannedReplyQuery, UpdateCannedReplyDto, UseCannedReplyDto } from './dto/canned-reply-requests.dto.js';
import { CannedReplyListSchema, CannedReplyUseSchema, CannedReplyViewSchema, RenderedCannedReplySchema } from './dto/canned-reply.schema.js';
import { RenderCannedReply } from './use-cases/render-canned-reply.use-case.js';
import { SaveCannedReply } from './use-cases/save-canned-reply.use-case.js';
import { problem } from '../http/openapi-problems.js';

const placeholdersRefused = problem(400, 'Bad input, or a placeholder we cannot fill (`unknown-placeholders`: `field`, `unknownPlaceholders`): nothing changed');
const teamRoleRequired = problem(403, "A team reply you may use but not change: only the team's seniors, supervisors and admins (`role-required`)");

/** Personal and team canned replies: managed in the console, inserted with `/` in the composer. */
@ApiTags('canned-replies')
@ApiBearerAuth()
@Controller('api/canned-replies')
@UseGuards(AgentAuthGuard)
export class CannedRepliesController {
  constructor(
    private readonly replies: CannedReplyStore,
    private readonly save: SaveCannedReply,
    private readonly renderer: RenderCannedReply,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Your personal replies and your team\'s (every team\'s for supervisors), searched by shortcut, title and body' })
  @ApiOkResponse({ type: CannedReplyListSchema })
  async list(@CurrentAgent() agent: AuthenticatedAgent, @Query() query: ListCannedRepliesQuery): Promise<CannedReplyList> {
    const found = await this.replies.search(agent, { text: query.q, scope: query.scope, language: query.lang ?? 'en', limit: query.limit ?? 50 });
    return { items: found.map((reply) => cannedReplyView(reply, agent)) };
  }

  @Post()
  @ApiOperation({ summary: 'Add a personal reply, or a team reply (seniors of the team, supervisors, admins)' })
  @ApiCreatedResponse({ type: CannedReplyViewSchema })
  @placeholdersRefused
  @teamRoleRequired
  @problem(409, 'The shortcut is taken (`canned-reply-shortcut-taken`), or the agent or team has as many replies as allowed (`canned-reply-limit-reached`)')
  async create(@CurrentAgent() agent: AuthenticatedAgent, @CurrentAuditScene() scene: AuditScene, @Body() body: CreateCannedReplyDto): Promise<CannedReplyView> {
    return cannedReplyView(await this.save.create(agent, body, scene), agent);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a reply: your personal one, or a team reply you may write' })
  @ApiOkResponse({ type: CannedReplyViewSchema })
  @placeholdersRefused
  @teamRoleRequired
  @problem(409, 'The shortcut is taken (`canned-reply-shortcut-taken`)')
  async update(@CurrentAgent() agent: AuthenticatedAgent, @CurrentAuditScene() scene: AuditScene, @Param('id', uuidParam()) id: string, @Body() body: UpdateCannedReplyDto): Promise<CannedReplyView> {
    return cannedReplyView(await this.save.update(agent, id, body, scene), agent);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a reply: your personal one, or a team reply you may write' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @teamRoleRequired
  async remove(@CurrentAgent() agent: AuthenticatedAgent, @CurrentAuditScene() scene: AuditScene, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.save.delete(agent, id, scene);
  }

  @Get(':id/render')
  @ApiOperation({ summary: 'Preview a reply filled from a ticket you may see (not counted as a use)' })
  @ApiOkResponse({ type: RenderedCannedReplySchema })
  render(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string, @Query() query: RenderCannedReplyQuery): Promise<RenderedCannedReply> {
    return this.renderer.render(agent, id, query.ticketId);
  }

  @Post(':id/uses')
  @HttpCode(200)
  @ApiOperation({ summary: 'Insert a reply into a ticket you may see: the filled text, counted as one use' })
  @ApiOkResponse({ type: CannedReplyUseSchema })
  use(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string, @Body() body: UseCannedReplyDto): Promise<CannedReplyUse> {
    return this.renderer.use(agent, id, body.ticketId);
  }
}
