import { DICTIONARIES, translate, type Translate } from '../../shared/i18n/locale.js';
import { calendarFieldName, calendarProblemText, calendarRefusalText } from './calendar-problems.js';

const inEnglish: Translate = (key, params) => translate(DICTIONARIES.en, key, params);
const inChinese: Translate = (key, params) => translate(DICTIONARIES['zh-CN'], key, params);

describe('a calendar refusal in the reader\'s words', () => {
  it('names each field as the form labels it, never by the API\'s path', () => {
    const paths = ['week.1[0].end', 'week.4[1]', 'week.7', 'makeUpHours[0].start', 'holidays[3].date', 'extraWorkingDays[0].name', 'extraWorkingDays[1].hours[0].end', 'ics (holidays[0].date)', 'zone', 'colour'];
    expect(paths.map((p) => calendarFieldName(p, inEnglish))).toEqual([
      'Monday, hours 1: until',
      'Thursday, hours 2',
      'Sunday',
      'Make-up hours, hours 1: from',
      'Holidays 4: date',
      'Extra working days 1: name',
      'Extra working days 2, hours 1: until',
      'Holidays 1: date (from the file)',
      'Time zone',
      'One of the values',
    ]);
    expect(calendarFieldName('week.1[0].end', inChinese)).toBe('星期一，时段 1：结束');
    expect(calendarFieldName('toString', inEnglish)).toBe('One of the values');
  });

  it('words each reason with what it is about, in English and Chinese', () => {
    const overlap = { field: 'week.1[1]', messages: ['overlaps week.1[0]'], reason: 'overlaps', values: { other: 'week.1[0]' } };
    expect(calendarProblemText(overlap, inEnglish)).toBe('Monday, hours 2: overlaps Monday, hours 1. Hours on one day may not overlap.');
    expect(calendarProblemText(overlap, inChinese)).toBe('星期一，时段 2：与“星期一，时段 1”重叠，同一天的时段不能重叠。');
    const badEnd = { field: 'week.3[0].end', messages: ['must be a time HH:mm from 00:01 to 24:00'], reason: 'not-a-time' };
    expect(calendarProblemText(badEnd, inEnglish)).toBe('Wednesday, hours 1: write the end as a time from 00:01 to 24:00, such as 18:00 (24:00 is midnight).');
    expect(calendarProblemText(badEnd, inChinese)).toBe('星期三，时段 1：结束时间请填写 00:01 到 24:00 之间的时间，例如 18:00（24:00 表示午夜）。');
    const backwards = { field: 'week.2[0]', messages: ['ends (09:00) before it starts (18:00)'], reason: 'ends-before-start', values: { start: '18:00', end: '09:00' } };
    expect(calendarProblemText(backwards, inEnglish)).toBe('Tuesday, hours 1: the end (09:00) must be later than the start (18:00).');
    const zone = { field: 'zone', messages: ['"Mars/Base" is not an IANA time zone'], reason: 'unknown-zone', values: { zone: 'Mars/Base' } };
    expect(calendarProblemText(zone, inChinese)).toBe('时区：“Mars/Base”不是已知的时区，请选择 Asia/Shanghai 或 Europe/Berlin 这样的时区。');
  });

  it('says a refusal without a reason (the request\'s own checks) by its field, not in the API\'s English', () => {
    const text = calendarProblemText({ field: 'name', messages: ['name must be shorter than or equal to 100 characters'] }, inChinese);
    expect(text).toBe('名称：此值未被接受，请检查。');
    expect(calendarProblemText({ field: 'week.1[0]', messages: ['x'], reason: 'made-up' }, inEnglish)).toBe('Monday, hours 1: this value was not accepted; check it.');
  });

  it('words a whole 400 field by field, and leaves any other failure to problemText', () => {
    const body = { errors: [{ field: 'calendarId', messages: ['no such calendar'], reason: 'unknown-calendar' }] };
    expect(calendarRefusalText({ status: 400, code: 'validation', body }, inEnglish)).toBe('Calendar: this calendar no longer exists; reload the page.');
    expect(calendarRefusalText({ status: 409, code: 'calendar-in-use', body }, inEnglish)).toBeNull();
    expect(calendarRefusalText(new Error('offline'), inEnglish)).toBeNull();
  });
});
