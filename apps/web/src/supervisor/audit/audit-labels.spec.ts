import { AUDIT_ACTIONS } from '@firsthand/domain';
import { formatDateTime, formatDuration } from '../../shared/i18n/format.js';
import { humanise } from '../../shared/i18n/humanise.js';
import { DICTIONARIES, translate, type Translate, type UiLocale } from '../../shared/i18n/locale.js';
import { AUDIT_ACTION_GROUPS, AUDIT_SUBJECTS, auditActionLabel, auditDetails, auditSubjectLabel, type AuditDetailFormat } from './audit-labels.js';

const translator = (locale: UiLocale): Translate => (key, params) => translate(DICTIONARIES[locale], key, params);
const inEnglish = translator('en');
const inChinese = translator('zh-CN');
const formatIn = (locale: UiLocale, nameOf?: (id: string) => string | undefined, teamNameOf?: (id: string) => string | undefined): AuditDetailFormat => ({
  t: translator(locale),
  dateTime: (iso) => formatDateTime(iso, locale, 'UTC'),
  duration: (ms) => formatDuration(ms, locale),
  nameOf,
  teamNameOf,
});
const HAN = /\p{Script=Han}/u;

describe('audit log labels', () => {
  it('every action the API records has an English and a Chinese label of its own', () => {
    for (const action of AUDIT_ACTIONS) {
      const en = DICTIONARIES.en[`audit.action.${action}`];
      const zh = DICTIONARIES['zh-CN'][`audit.action.${action}`];
      expect([action, typeof en, typeof zh]).toEqual([action, 'string', 'string']);
      expect([action, auditActionLabel(action, inEnglish)]).toEqual([action, en]);
      expect([action, auditActionLabel(action, inChinese)]).toEqual([action, zh]);
      expect([action, en === humanise(action) || en.includes('_') || en.includes('.')]).toEqual([action, false]);
      expect([action, HAN.test(zh)]).toEqual([action, true]);
    }
    expect(auditActionLabel('sign_in.succeeded', inEnglish)).toBe('Signed in');
    expect(auditActionLabel('sign_in.succeeded', inChinese)).toBe('登录成功');
  });

  it('an action newer than this bundle reads as words, and odd names do not break it', () => {
    expect(auditActionLabel('webhook_endpoint.paused', inEnglish)).toBe('Webhook endpoint: paused');
    expect(auditActionLabel('ticketBoard.reOpened', inChinese)).toBe('Ticket board: re opened');
    expect(auditActionLabel('', inEnglish)).toBe('');
    expect(auditActionLabel('...', inEnglish)).toBe('');
    expect(auditSubjectLabel('knowledge_article', inEnglish)).toBe('Knowledge article');
  });

  it('groups every action by what it acts on, each group named in both languages, for the filter', () => {
    expect(AUDIT_ACTION_GROUPS.flatMap((g) => g.actions).sort()).toEqual([...AUDIT_ACTIONS].sort());
    for (const group of AUDIT_ACTION_GROUPS) {
      expect(AUDIT_SUBJECTS).toContain(group.subject);
      expect(group.actions.every((action) => action.startsWith(group.prefix))).toBe(true);
      expect(HAN.test(auditSubjectLabel(group.subject, inChinese)) || auditSubjectLabel(group.subject, inChinese) === 'Webhook').toBe(true);
    }
    expect(AUDIT_ACTION_GROUPS.find((g) => g.subject === 'sign_in')).toEqual({ prefix: 'sign_in.', subject: 'sign_in', actions: ['sign_in.succeeded', 'sign_in.failed'] });
  });

  it('shows before and after values as field/value lines in the reader\'s language, not JSON', () => {
    const en = formatIn('en', (id) => (id === 'a-1' ? 'Li Wei' : undefined));
    expect(auditDetails({ method: 'password', session: 's-1', enrolmentRequired: false }, en)).toEqual([
      { field: 'Method', value: 'password' },
      { field: 'Session', value: 's-1' },
      { field: 'Must set up two-step verification', value: 'no' },
    ]);
    expect(auditDetails({ role: 'senior' }, en)).toEqual([{ field: 'Role', value: 'Senior agent' }]);
    expect(auditDetails({ method: 'password', reason: 'wrong_password' }, formatIn('zh-CN'))).toEqual([
      { field: '方式', value: '密码' },
      { field: '原因', value: '密码错误' },
    ]);
    expect(auditDetails({ tier: 'vip', changedTickets: ['FH-1', 'FH-2'] }, en)).toEqual([
      { field: 'Tier', value: 'VIP' },
      { field: 'Tickets updated', value: 'FH-1, FH-2' },
    ]);
    expect(auditDetails({ ownerId: 'a-1', toAgentId: 'b-2', reason: 'on leave' }, en)).toEqual([
      { field: 'Owner', value: 'Li Wei' },
      { field: 'New owner', value: 'b-2' },
      { field: 'Reason', value: 'on leave' },
    ]);
    expect(auditDetails({ firstResponseSeconds: 3600, calendarId: null }, en)).toEqual([
      { field: 'First response', value: formatDuration(3_600_000, 'en') },
      { field: 'Calendar', value: 'none' },
    ]);
    expect(auditDetails({ rows: 3, filter: { action: 'sign_in.', actorId: 'a-1', targetId: undefined } }, en)).toEqual([
      { field: 'Rows', value: '3' },
      { field: 'Filter', value: 'Action: All: Sign-in; Agent: Li Wei' },
    ]);
    expect(auditDetails({ removed: 12, before: '2026-06-01T00:00:00.000Z' }, en)[1]).toEqual({ field: 'Older than', value: formatDateTime('2026-06-01T00:00:00.000Z', 'en', 'UTC') });
  });

  it('a field or value this bundle does not know still reads as words; nothing is lost or crashes', () => {
    const en = formatIn('en');
    expect(auditDetails({ shinyNewThing: { deep: [1, { deeper: true }] }, tags: [] }, en)).toEqual([
      { field: 'Shiny new thing', value: 'Deep: 1, Deeper: yes' },
      { field: 'Tags', value: 'none' },
    ]);
    expect(auditDetails(null, en)).toEqual([]);
    expect(auditDetails(undefined, en)).toEqual([]);
    expect(auditDetails('reset', en)).toEqual([{ field: '', value: 'reset' }]);
    expect(auditDetails({ role: 'owner', status: 'failed' }, en)).toEqual([
      { field: 'Role', value: 'Owner' },
      { field: 'Status', value: 'failed' },
    ]);
    expect(auditDetails({ bodyEn: 'x'.repeat(1000) }, en)[0].value).toHaveLength(300);
    expect(auditDetails({ a: { b: { c: 1 } } }, en)).toEqual([{ field: 'A', value: 'B: C: 1' }]);
  });

  it('an added agent reads in the reader\'s language: email and password labelled, the password only as set, the team by its name', () => {
    const teams = new Map([['team-1', 'Front Desk'], ['team-2', 'Billing']]);
    const after = { name: 'Qa Four', email: 'qa4@example.com', role: 'agent', teamId: 'team-1', active: true, passwordHash: '•••' };
    expect(auditDetails(after, formatIn('zh-CN', undefined, (id) => teams.get(id)))).toEqual([
      { field: '名称', value: 'Qa Four' },
      { field: '邮箱', value: 'qa4@example.com' },
      { field: '角色', value: expect.stringMatching(/\p{Script=Han}/u) },
      { field: '团队', value: 'Front Desk' },
      { field: '启用', value: '是' },
      { field: '密码', value: '已设置' },
    ]);
    const en = formatIn('en', undefined, (id) => teams.get(id));
    expect(auditDetails({ email: 'a@b.c', passwordHash: '$2b$11$abcdefghijklmnop' }, en)).toEqual([
      { field: 'Email', value: 'a@b.c' },
      { field: 'Password', value: 'set' },
    ]);
    expect(auditDetails({ passwordHash: null, teamIds: ['team-2', 'gone-team'] }, en)).toEqual([
      { field: 'Password', value: 'none' },
      { field: 'Teams', value: 'Billing, gone-team' },
    ]);
    // A page that could not load the teams still shows the id rather than nothing.
    expect(auditDetails({ teamId: 'team-1' }, formatIn('en'))).toEqual([{ field: 'Team', value: 'team-1' }]);
  });
});
