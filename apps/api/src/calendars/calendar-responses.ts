import type { CalendarView } from '@firsthand/http-contracts';
import type { StoredCalendar } from '@firsthand/persistence';

export const calendarView = (c: StoredCalendar): CalendarView => ({
  id: c.id,
  name: c.name,
  zone: c.zone,
  alwaysOpen: c.alwaysOpen,
  week: c.week,
  makeUpHours: c.makeUpHours ?? null,
  holidays: c.holidays,
  extraWorkingDays: c.extraWorkingDays,
  isDefault: c.isDefault,
  teamIds: c.teamIds,
  policies: c.policies,
  createdBy: c.createdBy,
  updatedBy: c.updatedBy,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});
