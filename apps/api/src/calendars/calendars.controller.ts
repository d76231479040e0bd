import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { CalendarImportResult, CalendarList, CalendarSettingsView, CalendarView, TeamCalendarView } from '@firsthand/http-contracts';
import { CalendarStore } from '@firsthand/persistence';
import { AgentAuthGuard, RequireRoles } from '../auth/agent-auth.guard.js';
import type { AuthenticatedAgent } from '../auth/authenticated-agent.js';
import { CurrentAgent } from '../auth/current-agent.decorator.js';
import { CurrentAuditScene } from '../audit/audit-scene.decorator.js';
import type { AuditScene } from '../audit/audit-trail.js';
import { HttpProblem } from '../http/problem.js';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { calendarView } from './calendar-responses.js';
import {
  CalendarDefinitionDto,
  CalendarImportDto,
  CalendarImportResultSchema,
  CalendarListSchema,
  CalendarSettingsDto,
  CalendarSettingsSchema,
  CalendarViewSchema,
  TeamCalendarDto,
  TeamCalendarSchema,
} from './dto/calendar.dto.js';
import { ManageCalendars } from './use-cases/manage-calendars.use-case.js';

const problem = { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const forbidden = { status: 403, description: 'Only supervisors and admins change calendars', ...problem };

/** Business calendars (issue 14): every agent reads them; supervisors and admins change them. */
@ApiTags('calendars')
@ApiBearerAuth()
@Controller('api')
@UseGuards(AgentAuthGuard)
export class CalendarsController {
  constructor(
    private readonly calendars: CalendarStore,
    private readonly manage: ManageCalendars,
  ) {}

  @Get('calendars')
  @ApiOperation({ summary: 'All business calendars, with the teams and policies that use each' })
  @ApiOkResponse({ type: CalendarListSchema })
  async list(): Promise<CalendarList> {
    return { items: (await this.calendars.list()).map(calendarView) };
  }

  @Post('calendars')
  @RequireRoles('supervisor', 'admin')
  @ApiOperation({ summary: 'Create a calendar: zone, weekly hours, holidays and make-up working days' })
  @ApiCreatedResponse({ type: CalendarViewSchema })
  @ApiResponse(forbidden)
  @ApiResponse({ status: 409, description: 'The name is taken, or there are too many calendars', ...problem })
  async create(@CurrentAgent() agent: AuthenticatedAgent, @CurrentAuditScene() scene: AuditScene, @Body() body: CalendarDefinitionDto): Promise<CalendarView> {
    return calendarView(await this.manage.create(agent.id, body, scene));
  }

  @Get('calendars/:id')
  @ApiOperation({ summary: 'One calendar' })
  @ApiOkResponse({ type: CalendarViewSchema })
  async get(@Param('id', uuidParam()) id: string): Promise<CalendarView> {
    const calendar = await this.calendars.find(id);
    if (!calendar) throw new HttpProblem(404, 'calendar-not-found', 'No such calendar', 'There is no calendar with this id.');
    return calendarView(calendar);
  }

  @Put('calendars/:id')
  @RequireRoles('supervisor', 'admin')
  @ApiOperation({ summary: "Replace a calendar's definition; open tickets on it are planned again" })
  @ApiOkResponse({ type: CalendarViewSchema })
  @ApiResponse(forbidden)
  @ApiResponse({ status: 409, description: 'The name is taken', ...problem })
  async replace(@CurrentAgent() agent: AuthenticatedAgent, @CurrentAuditScene() scene: AuditScene, @Param('id', uuidParam()) id: string, @Body() body: CalendarDefinitionDto): Promise<CalendarView> {
    return calendarView(await this.manage.replace(agent.id, id, body, scene));
  }

  @Delete('calendars/:id')
  @RequireRoles('supervisor', 'admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a calendar nobody uses' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiResponse(forbidden)
  @ApiResponse({ status: 409, description: 'The calendar is the default, or a team or policy uses it', ...problem })
  async remove(@CurrentAuditScene() scene: AuditScene, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.manage.remove(id, scene);
  }

  @Post('calendars/:id/import')
  @RequireRoles('supervisor', 'admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Import holidays and make-up working days from an iCalendar (.ics) text, merged or replacing' })
  @ApiOkResponse({ type: CalendarImportResultSchema })
  @ApiResponse(forbidden)
  async importIcal(@CurrentAgent() agent: AuthenticatedAgent, @CurrentAuditScene() scene: AuditScene, @Param('id', uuidParam()) id: string, @Body() body: CalendarImportDto): Promise<CalendarImportResult> {
    const result = await this.manage.importIcal(agent.id, id, body, scene);
    return { ...result, calendar: calendarView(result.calendar) };
  }

  @Put('teams/:id/calendar')
  @RequireRoles('supervisor', 'admin')
  @ApiOperation({ summary: "Set a team's calendar (null: the default)" })
  @ApiOkResponse({ type: TeamCalendarSchema })
  @ApiResponse(forbidden)
  async setTeamCalendar(@CurrentAuditScene() scene: AuditScene, @Param('id', uuidParam()) teamId: string, @Body() body: TeamCalendarDto): Promise<TeamCalendarView> {
    await this.manage.setTeamCalendar(teamId, body.calendarId, scene);
    return { teamId, calendarId: body.calendarId };
  }

  @Get('calendar-settings')
  @ApiOperation({ summary: "The default calendar and how complaints' 24-hour cap counts" })
  @ApiOkResponse({ type: CalendarSettingsSchema })
  async settings(): Promise<CalendarSettingsView> {
    const s = await this.calendars.settings();
    return { defaultCalendarId: s.defaultCalendarId, complaintCap: s.complaintCap, updatedAt: s.updatedAt.toISOString() };
  }

  @Put('calendar-settings')
  @RequireRoles('supervisor', 'admin')
  @ApiOperation({ summary: "Set the default calendar and how complaints' 24-hour cap counts" })
  @ApiOkResponse({ type: CalendarSettingsSchema })
  @ApiResponse(forbidden)
  async setSettings(@CurrentAgent() agent: AuthenticatedAgent, @CurrentAuditScene() scene: AuditScene, @Body() body: CalendarSettingsDto): Promise<CalendarSettingsView> {
    const s = await this.manage.setSettings(agent.id, body, scene);
    return { defaultCalendarId: s.defaultCalendarId, complaintCap: s.complaintCap, updatedAt: s.updatedAt.toISOString() };
  }
}
