import type { Browser } from 'playwright-core';
import type { TestAgent } from '../factories/helpdesk.factory.js';
import { TEST_PASSWORD } from '../factories/helpdesk.factory.js';
import { launchChromium, OpenedPages, screenshot, seriousA11yViolations, signIn } from './support/chromium.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

// Two holidays, one make-up working day (补班), and a timed meeting the import must skip.
const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//firsthand test//calendar ui//EN',
  'BEGIN:VEVENT',
  'UID:national-day@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20261001',
  'DTEND;VALUE=DATE:20261003',
  'SUMMARY:国庆节',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:national-day-ban@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20261010',
  'DTEND;VALUE=DATE:20261011',
  'SUMMARY:国庆节 补班',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:meeting@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART:20261012T090000Z',
  'DTEND:20261012T100000Z',
  'SUMMARY:Team meeting',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

/** Issue 14's supervisor UI in real Chromium: a calendar made and imported in the page, given to a team, and an SLA policy's override with its preview. */
describe('business calendars and SLA policies (Chromium)', () => {
  let stack: WebStack;
  let browser: Browser;
  let boss: TestAgent;
  let team: string;
  const pages = new OpenedPages(() => browser, { viewport: { width: 1400, height: 1000 } });

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWebStack(), launchChromium()]);
    team = await stack.factory.team('Front Desk', true);
    boss = await stack.factory.agent('supervisor', team, 'Wang Fang');
  });

  afterEach(() => pages.closeAll());

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('creates a calendar, imports an .ics, assigns it to a team, and overrides one policy with the preview following', async () => {
    const { page } = await pages.open();
    await signIn(page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    await page.getByRole('navigation', { name: 'Supervisor pages' }).getByRole('link', { name: 'Business calendars' }).click();
    await page.getByRole('heading', { name: 'Business calendars', level: 1 }).waitFor();
    const list = page.getByTestId('calendar-list');
    await list.getByRole('row', { name: /24×7 \(UTC\).*default/ }).waitFor();

    // The default calendar cannot go: the 409 is said in the page.
    page.once('dialog', (dialog) => void dialog.accept());
    await list.getByRole('button', { name: 'Delete 24×7 (UTC)' }).click();
    await page.getByRole('alert').filter({ hasText: 'Calendar "24×7 (UTC)" was not deleted' }).waitFor();

    await page.getByRole('button', { name: 'New calendar' }).click();
    const form = page.getByTestId('calendar-editor');
    await form.getByLabel('Name').fill('Office Shanghai');
    await form.getByLabel('Time zone').fill('Asia/Atlantis');
    // Monday gets a lunch break: two ranges.
    await form.getByLabel('Monday, hours 1: until').fill('12:00');
    await form.getByRole('button', { name: 'Add hours on Monday' }).click();
    await form.getByLabel('Monday, hours 2: from').fill('13:00');
    await form.getByLabel('Monday, hours 2: until').fill('18:00');
    await form.getByRole('button', { name: 'Add to Holidays' }).click();
    await form.getByLabel('Holidays 1: date').fill('2026-12-25');
    await form.getByLabel('Holidays 1: name').fill('Office party');
    await form.getByRole('button', { name: 'Save calendar' }).click();
    // The server's 400 names the zone; the message sits next to it and nothing was stored.
    await form.getByLabel('Time zone').and(page.locator('[aria-invalid="true"]')).waitFor();
    await form.getByRole('alert').filter({ hasText: 'Nothing was saved' }).waitFor();
    expect(await stack.database.db.query(`SELECT 1 FROM business_calendars WHERE name = 'Office Shanghai'`)).toHaveLength(0);

    await form.getByLabel('Time zone').fill('Asia/Shanghai');
    await form.getByRole('button', { name: 'Save calendar' }).click();
    await page.getByRole('status').filter({ hasText: 'Calendar "Office Shanghai" saved.' }).waitFor();
    const row = list.getByRole('row', { name: /Office Shanghai/ });
    await row.getByText('Asia/Shanghai').waitFor();

    await row.getByRole('button', { name: 'Import .ics into Office Shanghai' }).click();
    const importer = page.getByTestId('calendar-import');
    // A calendar that begins and never ends: refused in the page's words, nothing imported.
    await importer.getByLabel('iCalendar file (.ics)').setInputFiles({ name: 'broken.ics', mimeType: 'text/calendar', buffer: Buffer.from('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n', 'utf8') });
    await importer.getByRole('button', { name: 'Import', exact: true }).click();
    await importer.getByText('The file was not imported: it is not a valid iCalendar (.ics) file.').waitFor();
    await importer.getByLabel('iCalendar file (.ics)').setInputFiles({ name: 'national-day.ics', mimeType: 'text/calendar', buffer: Buffer.from(ICS, 'utf8') });
    await importer.getByRole('button', { name: 'Import', exact: true }).click();
    const result = importer.getByTestId('import-result');
    await result.getByText('Imported. Holidays: 2; extra working days: 1.').waitFor();
    await result.getByText(/Team meeting/).waitFor();
    await row.getByText('Working hours; holidays: 3; extra working days: 1').waitFor();

    const teams = page.getByTestId('team-calendars');
    await teams.getByLabel('Calendar of Front Desk').selectOption({ label: 'Office Shanghai' });
    await teams.getByRole('status').filter({ hasText: 'Calendar of Front Desk saved.' }).waitFor();
    await row.getByText('Front Desk').waitFor();

    const stored = await stack.http.get('/api/calendars').set(boss.auth).expect(200);
    const office = stored.body.items.find((c: { name: string }) => c.name === 'Office Shanghai');
    expect({ zone: office.zone, monday: office.week['1'], holidays: office.holidays.map((d: { date: string }) => d.date), extra: office.extraWorkingDays.map((d: { date: string }) => d.date), teamIds: office.teamIds }).toEqual({
      zone: 'Asia/Shanghai',
      monday: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '18:00' },
      ],
      holidays: ['2026-10-01', '2026-10-02', '2026-12-25'],
      extra: ['2026-10-10'],
      teamIds: [team],
    });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'calendars', { fullPage: true });

    await page.getByRole('navigation', { name: 'Supervisor pages' }).getByRole('link', { name: 'SLA policies' }).click();
    const cell = page.getByTestId('sla-urgent-vip');
    const preview = cell.getByTestId('sla-preview');
    await preview.getByText(/calendar Office Shanghai, Asia\/Shanghai, the team's/).waitFor();
    const before = await preview.textContent();
    // Out of range is said in the page's words, not the API's field name and minutes.
    const first = cell.getByLabel('First response, Urgent / VIP', { exact: true });
    const typed = await first.inputValue();
    await first.fill('99999 h');
    await cell.getByRole('button', { name: 'Save Urgent / VIP' }).click();
    await cell.getByText('From 1 second to 365 days.').waitFor();
    expect(await cell.textContent()).not.toContain('firstResponseMinutes');
    // Longer than the resolution: said as the rule it breaks, not as out of range.
    await first.fill('2000 h');
    await cell.getByRole('button', { name: 'Save Urgent / VIP' }).click();
    await cell.getByText('The first response cannot be due after the resolution.').waitFor();
    expect(await cell.textContent()).not.toContain('From 1 second to 365 days.');
    await first.fill(typed);
    await cell.getByLabel('Calendar').selectOption({ label: '24×7 (UTC)' });
    await cell.getByRole('button', { name: 'Save Urgent / VIP' }).click();
    await cell.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await preview.getByText(/calendar 24×7 \(UTC\), UTC, set by this policy/).waitFor();
    expect(await preview.textContent()).not.toEqual(before);
    // On 24×7 the first response is due exactly its target after now.
    const policy = (await stack.http.get('/api/sla-policies').set(boss.auth).expect(200)).body.items.find((p: { priority: string; tier: string }) => p.priority === 'urgent' && p.tier === 'vip');
    expect(policy.calendarId).toBe('00000000-0000-4000-8000-000000000024');
    const due = Date.parse((await preview.locator('time').first().getAttribute('datetime')) ?? '');
    expect(Math.abs(due - Date.now() - policy.firstResponseSeconds * 1000)).toBeLessThan(60_000);
    // The other cells still follow the team's calendar.
    await page.getByTestId('sla-normal-standard').getByTestId('sla-preview').getByText(/the team's/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'sla-policies', { fullPage: true });

    // The same page in Chinese: headings, the grid and the preview's words all follow the switch.
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: 'SLA 策略', level: 1 }).waitFor();
    await preview.getByText(/日历 24×7 \(UTC\)，UTC，由此策略指定/).waitFor();
    await page.getByRole('navigation', { name: '主管页面' }).getByRole('link', { name: '工作日历' }).waitFor();
  });

  // What each refusal must read, per page language: the day or field in the form's words, never the API's path or English.
  const REFUSALS = {
    'en-US': {
      calendarsLink: 'Business calendars', newCalendar: 'New calendar', name: 'Name', zone: 'Time zone', save: 'Save calendar',
      wednesdayUntil: 'Wednesday, hours 1: until', addMonday: 'Add hours on Monday', mondayFrom2: 'Monday, hours 2: from', mondayUntil2: 'Monday, hours 2: until',
      addHoliday: 'Add to Holidays', holidayDate: 'Holidays 1: date', holidayName: 'Holidays 1: name', addExtra: 'Add to Extra working days', extraDate: 'Extra working days 1: date', extraName: 'Extra working days 1: name',
      said: [
        'Time zone: "Asia/Atlantis" is not a time zone we know. Choose one such as Asia/Shanghai or Europe/Berlin.',
        'Monday, hours 2: overlaps Monday, hours 1. Hours on one day may not overlap.',
        'Wednesday, hours 1: write the end as a time from 00:01 to 24:00, such as 18:00 (24:00 is midnight).',
        'Extra working days 1: date: 2026-10-01 is already listed (Holidays 1).',
      ],
      goneCalendar: 'Calendar: this calendar no longer exists; reload the page.',
    },
    'zh-CN': {
      calendarsLink: '工作日历', newCalendar: '新建日历', name: '名称', zone: '时区', save: '保存日历',
      wednesdayUntil: '星期三，时段 1：结束', addMonday: '为星期一添加时段', mondayFrom2: '星期一，时段 2：开始', mondayUntil2: '星期一，时段 2：结束',
      addHoliday: '添加节假日', holidayDate: '节假日 1：日期', holidayName: '节假日 1：名称', addExtra: '添加调休上班日', extraDate: '调休上班日 1：日期', extraName: '调休上班日 1：名称',
      said: [
        '时区：“Asia/Atlantis”不是已知的时区，请选择 Asia/Shanghai 或 Europe/Berlin 这样的时区。',
        '星期一，时段 2：与“星期一，时段 1”重叠，同一天的时段不能重叠。',
        '星期三，时段 1：结束时间请填写 00:01 到 24:00 之间的时间，例如 18:00（24:00 表示午夜）。',
        '调休上班日 1：日期：2026-10-01 已经列出（节假日 1）。',
      ],
      goneCalendar: '日历：该日历已不存在，请刷新页面。',
    },
  } as const;
  const API_WORDS = /week\.|holidays\[|extraWorkingDays|IANA|must be|overlaps week|calendarId|invalid field/;

  it.each(['en-US', 'zh-CN'] as const)('says a refused calendar in the page\'s language, naming the day and field in its own words (%s)', async (locale) => {
    const words = REFUSALS[locale];
    const { page } = await pages.open({ locale });
    await signIn(page, `${stack.baseUrl}/supervisor`, boss.email, TEST_PASSWORD);
    await page.getByRole('link', { name: words.calendarsLink }).first().click();
    await page.getByRole('button', { name: words.newCalendar }).click();
    const form = page.getByTestId('calendar-editor');
    await form.getByLabel(words.name, { exact: true }).fill(`Refused ${locale}`);
    await form.getByLabel(words.zone).fill('Asia/Atlantis');
    await form.getByRole('button', { name: words.addMonday }).click();
    await form.getByLabel(words.mondayFrom2).fill('11:00');
    await form.getByLabel(words.mondayUntil2).fill('13:00');
    await form.getByLabel(words.wednesdayUntil).fill('25:00');
    await form.getByRole('button', { name: words.addHoliday }).click();
    await form.getByLabel(words.holidayDate).fill('2026-10-01');
    await form.getByLabel(words.holidayName).fill('National Day');
    await form.getByRole('button', { name: words.addExtra }).click();
    await form.getByLabel(words.extraDate).fill('2026-10-01');
    await form.getByLabel(words.extraName).fill('Make-up day');
    await form.getByRole('button', { name: words.save }).click();
    for (const text of words.said) await form.locator('.field-error').getByText(text, { exact: true }).waitFor();
    expect((await form.locator('.field-error, [role="alert"]').allTextContents()).join(' ')).not.toMatch(API_WORDS);
    expect(await stack.database.db.query(`SELECT 1 FROM business_calendars WHERE name = $1`, [`Refused ${locale}`])).toHaveLength(0);
    await screenshot(page, `calendar-refused-${locale}`, { fullPage: true });

    // A calendar deleted by someone else while the SLA policies page still offers it.
    const doomed = (await stack.http.post('/api/calendars').set(boss.auth).send({ name: `Doomed ${locale}`, zone: 'UTC', alwaysOpen: true }).expect(201)).body.id;
    await page.goto(`${stack.baseUrl}/supervisor/sla-policies`);
    const cell = page.getByTestId('sla-low-standard');
    await cell.locator('select').selectOption({ label: `Doomed ${locale}` });
    await stack.http.delete(`/api/calendars/${doomed}`).set(boss.auth).expect(204);
    await cell.locator('button[type="submit"]').click();
    await cell.locator('.field-error').getByText(words.goneCalendar, { exact: true }).waitFor();
    expect((await cell.locator('.field-error').allTextContents()).join(' ')).not.toMatch(API_WORDS);
  });
});
