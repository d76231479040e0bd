import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type {
  CalendarDayView,
  CalendarDefinition,
  CalendarImport,
  CalendarImportResult,
  CalendarList,
  CalendarSettingsView,
  CalendarView,
  TeamCalendarView,
  WorkingRangeView,
} from '@firsthand/http-contracts';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { integer, optionalUuid, text, time, uuid } from '../../http/dto/response-fields.js';
import { NotBlank } from '../../http/dto/not-blank.js';

/** The limits of issue 14: dated days per calendar, and the size of an imported .ics (the body limit is 256 KB). */
export const CALENDAR_LIMITS = { days: 1000, icsLength: 200_000, nameLength: 100, calendars: 200 } as const;
export const COMPLAINT_CAPS = ['always_open', 'ticket_calendar'] as const;

const RANGE = { type: 'object', required: ['start', 'end'], properties: { start: { type: 'string', example: '09:00' }, end: { type: 'string', example: '18:00' } } };
const RANGES = { type: 'array', items: RANGE, maxItems: 12 };
const DAY = { type: 'object', required: ['date', 'name'], properties: { date: { type: 'string', format: 'date' }, name: { type: 'string', maxLength: 200 }, hours: RANGES } };
const WEEK_DOC = 'ISO weekday "1" (Monday) to "7" (Sunday) → its working ranges HH:mm-HH:mm in the calendar\'s zone (at most 12 a day, no overlaps; "24:00" closes at midnight)';

export class CalendarDefinitionDto implements CalendarDefinition {
  @ApiProperty({ maxLength: CALENDAR_LIMITS.nameLength }) @IsString() @MinLength(1) @MaxLength(CALENDAR_LIMITS.nameLength) @NotBlank() name: string;
  @ApiProperty({ description: 'IANA time zone, e.g. Asia/Shanghai', maxLength: 64 }) @IsString() @MaxLength(64) zone: string;
  @ApiPropertyOptional({ description: '24×7: every minute counts; week and days are kept but not used' }) @IsOptional() @IsBoolean() alwaysOpen?: boolean;
  @ApiPropertyOptional({ type: 'object', additionalProperties: RANGES, description: WEEK_DOC }) @IsOptional() @IsObject() week?: Record<string, WorkingRangeView[]>;
  @ApiPropertyOptional({ type: 'array', items: RANGE, maxItems: 12, nullable: true, description: "An extra working day's hours when it has none of its own; else a regular Monday's" })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsArray()
  makeUpHours?: WorkingRangeView[] | null;
  @ApiPropertyOptional({ type: 'array', items: DAY, maxItems: CALENDAR_LIMITS.days, description: 'Days closed all day' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CALENDAR_LIMITS.days)
  holidays?: CalendarDayView[];
  @ApiPropertyOptional({ type: 'array', items: DAY, maxItems: CALENDAR_LIMITS.days, description: 'Make-up working days (调休), e.g. a Saturday' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CALENDAR_LIMITS.days)
  extraWorkingDays?: CalendarDayView[];
}

export class CalendarImportDto implements CalendarImport {
  @ApiProperty({ description: 'The text of an iCalendar (.ics) file', maxLength: CALENDAR_LIMITS.icsLength }) @IsString() @MinLength(1) @MaxLength(CALENDAR_LIMITS.icsLength) ics: string;
  @ApiProperty({ enum: ['merge', 'replace'], description: "merge: imported days take their dates over, the others stay; replace: only the imported days" })
  @IsIn(['merge', 'replace'])
  mode: 'merge' | 'replace';
}

export class TeamCalendarDto {
  @ApiProperty({ ...optionalUuid, description: 'Null: the team follows the default calendar' }) @ValidateIf((_, v) => v !== null) @IsUUID() calendarId: string | null;
}

export class CalendarSettingsDto {
  @ApiProperty({ ...uuid, description: 'The calendar of teams that have none' }) @IsUUID() defaultCalendarId: string;
  @ApiProperty({ enum: COMPLAINT_CAPS, description: "always_open: complaints' 24-hour cap counts every minute; ticket_calendar: it counts in the ticket's calendar" })
  @IsIn(COMPLAINT_CAPS)
  complaintCap: 'always_open' | 'ticket_calendar';
}

@ApiSchema({ name: 'CalendarPolicy' })
class CalendarPolicySchema {
  @ApiProperty(text) priority: string;
  @ApiProperty(text) tier: string;
}

@ApiSchema({ name: 'Calendar' })
export class CalendarViewSchema implements CalendarView {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) name: string;
  @ApiProperty(text) zone: string;
  @ApiProperty({ type: Boolean }) alwaysOpen: boolean;
  @ApiProperty({ type: 'object', additionalProperties: RANGES, description: WEEK_DOC }) week: Record<string, WorkingRangeView[]>;
  @ApiProperty({ type: 'array', items: RANGE, nullable: true }) makeUpHours: WorkingRangeView[] | null;
  @ApiProperty({ type: 'array', items: DAY }) holidays: CalendarDayView[];
  @ApiProperty({ type: 'array', items: DAY }) extraWorkingDays: CalendarDayView[];
  @ApiProperty({ type: Boolean }) isDefault: boolean;
  @ApiProperty({ type: String, format: 'uuid', isArray: true, description: 'Teams on this calendar' }) teamIds: string[];
  @ApiProperty({ type: () => [CalendarPolicySchema], description: 'Priority × tier policies overridden to this calendar' }) policies: CalendarPolicySchema[];
  @ApiProperty(optionalUuid) createdBy: string | null;
  @ApiProperty(optionalUuid) updatedBy: string | null;
  @ApiProperty(time) createdAt: string;
  @ApiProperty(time) updatedAt: string;
}

@ApiSchema({ name: 'CalendarList' })
export class CalendarListSchema implements CalendarList {
  @ApiProperty({ type: () => [CalendarViewSchema] }) items: CalendarViewSchema[];
}

@ApiSchema({ name: 'CalendarImported' })
class CalendarImportedSchema {
  @ApiProperty(integer) holidays: number;
  @ApiProperty(integer) extraWorkingDays: number;
}

@ApiSchema({ name: 'CalendarSkippedEvent' })
class CalendarSkippedEventSchema {
  @ApiProperty(text) summary: string;
  @ApiProperty(text) reason: string;
}

@ApiSchema({ name: 'CalendarImportResult' })
export class CalendarImportResultSchema implements CalendarImportResult {
  @ApiProperty({ type: () => CalendarViewSchema }) calendar: CalendarViewSchema;
  @ApiProperty({ type: () => CalendarImportedSchema }) imported: CalendarImportedSchema;
  @ApiProperty({ type: () => [CalendarSkippedEventSchema], description: 'Events left out: timed, repeating (RRULE), cancelled, or longer than 31 days' }) skipped: CalendarSkippedEventSchema[];
}

@ApiSchema({ name: 'CalendarSettings' })
export class CalendarSettingsSchema implements CalendarSettingsView {
  @ApiProperty(uuid) defaultCalendarId: string;
  @ApiProperty({ type: String, enum: [...COMPLAINT_CAPS] }) complaintCap: 'always_open' | 'ticket_calendar';
  @ApiProperty(time) updatedAt: string;
}

@ApiSchema({ name: 'TeamCalendar' })
export class TeamCalendarSchema implements TeamCalendarView {
  @ApiProperty(uuid) teamId: string;
  @ApiProperty(optionalUuid) calendarId: string | null;
}
