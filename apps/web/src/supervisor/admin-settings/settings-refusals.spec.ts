import { DICTIONARIES, translate, type Translate, type UiLocale } from '../../shared/i18n/locale.js';
import { teamRefusalText, webhookRefusalText } from './settings-refusals.js';

const translator = (locale: UiLocale): Translate => (key, params) => translate(DICTIONARIES[locale], key, params);
const en = translator('en');
const zh = translator('zh-CN');
const problem = (status: number, code: string, body: Record<string, unknown> = {}) => ({ status, code, body: { type: `https://firsthand.dev/problems/${code}`, ...body }, message: 'English detail' });
const badUrl = (reason?: string) => problem(400, 'validation', { errors: [{ field: 'url', messages: ['Refused webhook target http://10.0.0.1'], ...(reason ? { reason, values: { host: '10.0.0.1' } } : {}) }] });

describe('admin settings refusals in the reader\'s language', () => {
  it('a team name: bad, taken, or the team gone', () => {
    expect(teamRefusalText(problem(400, 'validation', { errors: [{ field: 'name', messages: ['name must not be blank'] }] }), en)).toBe('A team name needs 1 to 80 characters, and not only spaces.');
    expect(teamRefusalText(problem(409, 'team-exists'), zh)).toBe('已有同名团队。');
    expect(teamRefusalText(problem(404, 'team-not-found'), en)).toBe('This team no longer exists.');
  });

  it('a team the settings name by name: the entries and the id to name it by instead, in either language', () => {
    const routed = problem(409, 'team-named-in-settings', { teamId: 'team-9', namedIn: [{ setting: 'MAIL_ADDRESSES', entry: 'help@brand.example' }, { setting: 'IMAP_MAILBOXES', entry: 'cn' }] });
    expect(teamRefusalText(routed, en)).toBe(
      'The settings name this team by its name (help@brand.example (MAIL_ADDRESSES), cn (IMAP_MAILBOXES)): renamed, they would no longer find it (mail sent there would go to the default team; people signing in for the first time could not join it). First name the team there by its id, team-9 (in the mail settings "teamId" instead of "team"), and restart Firsthand; then rename it.',
    );
    expect(teamRefusalText(routed, zh)).toContain('help@brand.example (MAIL_ADDRESSES)、cn (IMAP_MAILBOXES)');
    expect(teamRefusalText(routed, zh)).toContain('team-9');
    // Without the fields it needs, the server's own text.
    expect(teamRefusalText(problem(409, 'team-named-in-settings'), en)).toBe('English detail');
  });

  it('a webhook URL by the reason the API gives, naming the host; never the English message', () => {
    expect(webhookRefusalText(badUrl('not-public-address'), en)).toMatch(/^10\.0\.0\.1 is not a public internet address/);
    expect(webhookRefusalText(badUrl('not-public-address'), zh)).toMatch(/^10\.0\.0\.1 不是公网地址/);
    expect(webhookRefusalText(badUrl('unresolvable'), en)).toBe('10.0.0.1 could not be found: no address answers to that name.');
    // No reason (class-validator's own check), or one newer than this bundle: the URL is said to be no URL.
    expect(webhookRefusalText(badUrl(), en)).toBe('Enter a whole web address starting with https:// (or http://).');
    expect(webhookRefusalText(badUrl('shiny-new-reason'), zh)).toBe('请输入以 https 或 http 开头的完整网址。');
    const both = problem(400, 'validation', { errors: [{ field: 'url', messages: ['x'] }, { field: 'description', messages: ['y'] }] });
    expect(webhookRefusalText(both, en)).toBe('Enter a whole web address starting with https:// (or http://). The description may have at most 200 characters.');
    expect(webhookRefusalText(both, en)).not.toContain('English detail');
  });

  it('other refusals by their problem code', () => {
    expect(webhookRefusalText(problem(409, 'webhook-endpoint-limit', { limit: 20 }), en)).toBe('There can be at most 20 webhook endpoints: remove one first.');
    expect(webhookRefusalText(problem(404, 'webhook-endpoint-not-found'), zh)).toBe('该 Webhook 端点已不存在。');
    expect(webhookRefusalText(problem(403, 'role-required'), en)).toBe(en('problem.role-required'));
  });
});
