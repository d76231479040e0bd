import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MacroApplication, MacroList, MacroView, RenderedMacroReply } from '@firsthand/http-contracts';
import { MacroStore } from '@firsthand/persistence';
import { AgentAuthGuard } from '../auth/agent-auth.guard.js';
import type { AuthenticatedAgent } from '../auth/authenticated-agent.js';
import { CurrentAgent } from '../auth/current-agent.decorator.js';
import { CurrentAuditScene } from '../audit/audit-scene.decorator.js';
import type { AuditScene } from '../audit/audit-trail.js';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { changeResponse } from '../tickets/ticket-responses.js';
import { CreateMacroDto, MacroApplicationSchema, MacroListSchema, MacroViewSchema, RenderedMacroReplySchema, UpdateMacroDto } from './dto/macro.dto.js';
import { macroView } from './macro-responses.js';
import { ApplyMacro } from './use-cases/apply-macro.use-case.js';
import { ManageMacros } from './use-cases/manage-macros.use-case.js';
import { RenderMacroReply } from './use-cases/render-macro-reply.use-case.js';

@ApiTags('macros')
@ApiBearerAuth()
@Controller('api')
@UseGuards(AgentAuthGuard)
export class MacrosController {
  constructor(
    private readonly macros: MacroStore,
    private readonly manage: ManageMacros,
    private readonly applyMacro: ApplyMacro,
    private readonly renderer: RenderMacroReply,
  ) {}

  @Get('macros')
  @ApiOperation({ summary: "The agent's personal macros and their team's (every team's for supervisors)" })
  @ApiOkResponse({ type: MacroListSchema })
  async list(@CurrentAgent() agent: AuthenticatedAgent): Promise<MacroList> {
    return { items: (await this.macros.listFor(agent)).map((m) => macroView(m, agent)) };
  }

  @Post('macros')
  @ApiOperation({ summary: 'Create a personal macro, or a team macro (seniors of the team, supervisors, admins)' })
  @ApiCreatedResponse({ type: MacroViewSchema })
  async create(@CurrentAgent() agent: AuthenticatedAgent, @CurrentAuditScene() scene: AuditScene, @Body() body: CreateMacroDto): Promise<MacroView> {
    return macroView(await this.manage.create(agent, body, scene), agent);
  }

  @Patch('macros/:id')
  @ApiOperation({ summary: 'Replace a macro\'s definition over the version you edited (409 when it moved)' })
  @ApiOkResponse({ type: MacroViewSchema })
  async update(@CurrentAgent() agent: AuthenticatedAgent, @CurrentAuditScene() scene: AuditScene, @Param('id', uuidParam()) id: string, @Body() body: UpdateMacroDto): Promise<MacroView> {
    return macroView(await this.manage.update(agent, id, body, scene), agent);
  }

  @Delete('macros/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a macro' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@CurrentAgent() agent: AuthenticatedAgent, @CurrentAuditScene() scene: AuditScene, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.manage.remove(agent, id, scene);
  }

  @Get('tickets/:id/macros/:macroId/reply')
  @ApiOperation({ summary: "Preview a macro's reply filled from a ticket you may see, as applying it would send it" })
  @ApiOkResponse({ type: RenderedMacroReplySchema })
  reply(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) id: string, @Param('macroId', uuidParam('macroId')) macroId: string): Promise<RenderedMacroReply> {
    return this.renderer.render(agent, macroId, id);
  }

  @Post('tickets/:id/macros/:macroId/apply')
  @HttpCode(200)
  @ApiOperation({ summary: "Apply a macro in one change: the owner's full macro, or for anyone else an internal note and tags" })
  @ApiOkResponse({ type: MacroApplicationSchema })
  async apply(
    @CurrentAgent() agent: AuthenticatedAgent,
    @Param('id', uuidParam()) id: string,
    @Param('macroId', uuidParam('macroId')) macroId: string,
  ): Promise<MacroApplication> {
    const result = await this.applyMacro.execute(id, agent, macroId);
    return { ...changeResponse(result), applied: result.applied };
  }
}
