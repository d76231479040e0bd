import { DICTIONARIES, translate, type Translate } from '../../shared/i18n/locale.js';
import { definitionOf, draftOf, emptyDraft, formatMinutes, formPaths, parseMinutes, problemAt, problemsByField, unplacedProblems } from './calendar-form.js';

const inEnglish: Translate = (key, params) => translate(DICTIONARIES.en, key, params);
const inChinese: Translate = (key, params) => translate(DICTIONARIES['zh-CN'], key, params);

describe('calendar form', () => {
  it('keys the server problems by the field path it named, joining repeated fields', () => {
    const map = problemsByField({ errors: [{ field: 'week.1[1]', messages: ['overlaps 09:00-13:00'] }, { field: 'zone', messages: ['unknown zone'] }, { field: 'zone', messages: ['again'] }, { nonsense: true }] });
    expect([...map]).toEqual([
      ['week.1[1]', 'overlaps 09:00-13:00'],
      ['zone', 'unknown zone; again'],
    ]);
    expect(problemsByField({ detail: 'no list' }).size).toBe(0);
  });

  it('places a problem at its input or row, and lists the ones with no place', () => {
    const draft = { ...emptyDraft(), holidays: [{ date: '2026-02-30', name: 'Nope' }] };
    const map = problemsByField({ errors: [{ field: 'holidays[0].date', messages: ['not a date'] }, { field: 'week.1[0]', messages: ['ends before it starts'] }, { field: 'colour', messages: ['unknown'] }] });
    expect(problemAt(map, 'holidays[0]')).toBe('not a date');
    expect(problemAt(map, 'week.1[0]')).toBe('ends before it starts');
    expect(problemAt(map, 'week.1')).toBeNull();
    expect(unplacedProblems(map, formPaths(draft))).toEqual([['colour', 'unknown']]);
  });

  it('sends empty weekdays as absent and make-up hours as null when switched off', () => {
    const draft = { ...emptyDraft(), name: ' Office ', zone: 'Asia/Shanghai ' };
    const sent = definitionOf(draft);
    expect(sent.name).toBe('Office');
    expect(sent.zone).toBe('Asia/Shanghai');
    expect(Object.keys(sent.week ?? {})).toEqual(['1', '2', '3', '4', '5']);
    expect(sent.makeUpHours).toBeNull();
    expect(definitionOf({ ...draft, makeUpOn: true, makeUpHours: [{ start: '10:00', end: '16:00' }] }).makeUpHours).toEqual([{ start: '10:00', end: '16:00' }]);
  });

  it('reads a stored calendar back into every weekday', () => {
    const draft = draftOf({
      id: 'c', name: 'Ops', zone: 'UTC', alwaysOpen: false, week: { '6': [{ start: '10:00', end: '12:00' }] }, makeUpHours: null,
      holidays: [{ date: '2026-10-01', name: 'National Day' }], extraWorkingDays: [], isDefault: false, teamIds: [], policies: [],
      createdBy: null, updatedBy: null, createdAt: '', updatedAt: '',
    });
    expect(draft.week['1']).toEqual([]);
    expect(draft.week['6']).toEqual([{ start: '10:00', end: '12:00' }]);
    expect(draft.makeUpOn).toBe(false);
  });

  it.each([
    ['90', 90],
    ['1:30', 90],
    ['1h30', 90],
    ['1 h 30 min', 90],
    ['2h', 120],
    ['45 min', 45],
    ['0.5', 0.5],
    ['soon', null],
    ['', null],
  ])('reads %j as %j minutes', (text, minutes) => {
    expect(parseMinutes(text)).toBe(minutes);
  });

  it('writes minutes as hours and minutes in the reader\'s units, and reads them back', () => {
    expect(formatMinutes(90, inEnglish)).toBe('1 h 30 min');
    expect(formatMinutes(120, inEnglish)).toBe('2 h');
    expect(formatMinutes(45, inEnglish)).toBe('45 min');
    expect(formatMinutes(480, inChinese)).toBe('8 小时');
    expect(formatMinutes(30, inChinese)).toBe('30 分钟');
    expect(formatMinutes(90, inChinese)).toBe('1 小时 30 分钟');
    for (const minutes of [5, 30, 60, 90, 480, 7200]) {
      expect(parseMinutes(formatMinutes(minutes, inChinese))).toBe(minutes);
      expect(parseMinutes(formatMinutes(minutes, inEnglish))).toBe(minutes);
    }
    expect(parseMinutes('1小时30分')).toBe(90);
  });
});
