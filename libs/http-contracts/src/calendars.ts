/** Business calendars (issue 14): the bodies of /api/calendars, /api/calendar-settings and the SLA preview. */
export interface WorkingRangeView {
  start: string;
  end: string;
}

export interface CalendarDayView {
  date: string;
  name: string;
  hours?: WorkingRangeView[];
}

/** What a supervisor sends to create or replace a calendar. */
export interface CalendarDefinition {
  name: string;
  zone: string;
  alwaysOpen?: boolean;
  /** ISO weekday "1" (Monday) … "7" (Sunday) to its ranges. */
  week?: Record<string, WorkingRangeView[]>;
  makeUpHours?: WorkingRangeView[] | null;
  holidays?: CalendarDayView[];
  extraWorkingDays?: CalendarDayView[];
}

export interface CalendarView {
  id: string;
  name: string;
  zone: string;
  alwaysOpen: boolean;
  week: Record<string, WorkingRangeView[]>;
  makeUpHours: WorkingRangeView[] | null;
  holidays: CalendarDayView[];
  extraWorkingDays: CalendarDayView[];
  isDefault: boolean;
  teamIds: string[];
  policies: Array<{ priority: string; tier: string }>;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CalendarList {
  items: CalendarView[];
}

export interface CalendarImport {
  ics: string;
  mode: 'merge' | 'replace';
}

export interface CalendarImportResult {
  calendar: CalendarView;
  imported: { holidays: number; extraWorkingDays: number };
  skipped: Array<{ summary: string; reason: string }>;
}

export interface CalendarSettingsView {
  defaultCalendarId: string;
  /** always_open: complaints' 24-hour cap counts every minute; ticket_calendar: it counts in the ticket's calendar. */
  complaintCap: 'always_open' | 'ticket_calendar';
  updatedAt: string;
}

export interface TeamCalendarView {
  teamId: string;
  /** Null: the team follows the default calendar. */
  calendarId: string | null;
}

export interface SlaMomentView {
  at: string;
  /** The same instant as local time in the calendar's zone, with its offset. */
  local: string;
}

export interface SlaPreview {
  priority: string;
  tier: string;
  teamId: string | null;
  calendar: { id: string; name: string; zone: string; alwaysOpen: boolean; source: 'policy' | 'team' | 'default' };
  openedAt: SlaMomentView;
  firstResponseDue: SlaMomentView;
  nextUpdateDue: SlaMomentView;
  resolutionDue: SlaMomentView;
}

/** One row of GET /api/sla-policies: targets in minutes (and seconds), the calendar override (null: the team's). */
export interface SlaPolicyView {
  priority: string;
  tier: string;
  firstResponseMinutes: number;
  updateCadenceMinutes: number;
  resolutionMinutes: number;
  firstResponseSeconds: number;
  updateCadenceSeconds: number;
  resolutionSeconds: number;
  updatedAt: string;
  calendarId: string | null;
}

export interface SlaPolicyList {
  items: SlaPolicyView[];
}
