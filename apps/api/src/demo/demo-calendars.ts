import type { BusinessCalendar, CalendarDay, ExtraWorkingDay } from '@firsthand/domain';

/** Expands an inclusive run of dates into named days. */
function run(first: string, last: string, name: string): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) days.push({ date: new Date(t).toISOString().slice(0, 10), name });
  return days;
}

/**
 * China's official 2026 holidays and make-up working days (调休), from the State Council General
 * Office's notice on the 2026 holiday arrangements (国务院办公厅关于2026年部分节假日安排的通知, published
 * November 2025, www.gov.cn). DATA TO UPDATE YEARLY: the next year's days are only known when the
 * State Council publishes its notice (usually in November); 2027 is deliberately absent until then.
 */
export const CHINA_2026_HOLIDAYS: CalendarDay[] = [
  ...run('2026-01-01', '2026-01-03', '元旦'),
  ...run('2026-02-15', '2026-02-23', '春节'),
  ...run('2026-04-04', '2026-04-06', '清明节'),
  ...run('2026-05-01', '2026-05-05', '劳动节'),
  ...run('2026-06-19', '2026-06-21', '端午节'),
  ...run('2026-09-25', '2026-09-27', '中秋节'),
  ...run('2026-10-01', '2026-10-07', '国庆节'),
];

export const CHINA_2026_MAKE_UP_DAYS: ExtraWorkingDay[] = [
  { date: '2026-01-04', name: '元旦调休上班' },
  { date: '2026-02-14', name: '春节调休上班' },
  { date: '2026-02-28', name: '春节调休上班' },
  { date: '2026-05-09', name: '劳动节调休上班' },
  { date: '2026-09-20', name: '国庆节调休上班' },
  { date: '2026-10-10', name: '国庆节调休上班' },
];

const CHINA_DAY = [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }];
const US_DAY = [{ start: '09:00', end: '17:00' }];
const weekdays = (ranges: typeof CHINA_DAY): BusinessCalendar['week'] => ({ 1: ranges, 2: ranges, 3: ranges, 4: ranges, 5: ranges });

export const CHINA_DEMO_CALENDAR: { name: string; calendar: BusinessCalendar } = {
  name: '中国 (Asia/Shanghai)',
  calendar: { zone: 'Asia/Shanghai', alwaysOpen: false, week: weekdays(CHINA_DAY), holidays: CHINA_2026_HOLIDAYS, extraWorkingDays: CHINA_2026_MAKE_UP_DAYS, makeUpHours: CHINA_DAY },
};

/**
 * US federal holidays 2026-2027 as observed by federal offices (5 U.S.C. 6103; OPM's rule: a
 * Saturday holiday is observed on the Friday before, a Sunday one on the Monday after), so
 * New Year's Day 2028, a Saturday, is observed on Friday 31 December 2027.
 */
export const US_FEDERAL_2026_2027: CalendarDay[] = [
  { date: '2026-01-01', name: "New Year's Day" },
  { date: '2026-01-19', name: 'Birthday of Martin Luther King, Jr.' },
  { date: '2026-02-16', name: "Washington's Birthday" },
  { date: '2026-05-25', name: 'Memorial Day' },
  { date: '2026-06-19', name: 'Juneteenth National Independence Day' },
  { date: '2026-07-03', name: 'Independence Day (observed)' },
  { date: '2026-09-07', name: 'Labor Day' },
  { date: '2026-10-12', name: 'Columbus Day' },
  { date: '2026-11-11', name: 'Veterans Day' },
  { date: '2026-11-26', name: 'Thanksgiving Day' },
  { date: '2026-12-25', name: 'Christmas Day' },
  { date: '2027-01-01', name: "New Year's Day" },
  { date: '2027-01-18', name: 'Birthday of Martin Luther King, Jr.' },
  { date: '2027-02-15', name: "Washington's Birthday" },
  { date: '2027-05-31', name: 'Memorial Day' },
  { date: '2027-06-18', name: 'Juneteenth National Independence Day (observed)' },
  { date: '2027-07-05', name: 'Independence Day (observed)' },
  { date: '2027-09-06', name: 'Labor Day' },
  { date: '2027-10-11', name: 'Columbus Day' },
  { date: '2027-11-11', name: 'Veterans Day' },
  { date: '2027-11-25', name: 'Thanksgiving Day' },
  { date: '2027-12-24', name: 'Christmas Day (observed)' },
  { date: '2027-12-31', name: "New Year's Day 2028 (observed)" },
];

export const US_DEMO_CALENDAR: { name: string; calendar: BusinessCalendar } = {
  name: 'en/US (America/New_York)',
  calendar: { zone: 'America/New_York', alwaysOpen: false, week: weekdays(US_DAY), holidays: US_FEDERAL_2026_2027, extraWorkingDays: [] },
};
