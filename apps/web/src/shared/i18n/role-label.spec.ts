import { AGENT_ROLES } from '@firsthand/domain';
import { DICTIONARIES, translate, type Translate, type UiLocale } from './locale.js';
import { nameWithRole, roleLabel } from './role-label.js';

const translator = (locale: UiLocale): Translate => (key, params) => translate(DICTIONARIES[locale], key, params);

describe('role labels', () => {
  it('names every role as people read it, in English and Chinese', () => {
    const en = translator('en');
    const zh = translator('zh-CN');
    expect(AGENT_ROLES.map((role) => roleLabel(role, en))).toEqual(['Agent', 'Senior agent', 'Supervisor', 'Admin']);
    expect(AGENT_ROLES.map((role) => roleLabel(role, zh))).toEqual(['客服', '资深客服', '主管', '管理员']);
  });

  it('names a person beside their role', () => {
    expect(nameWithRole('Li Wei', 'agent', translator('en'))).toBe('Li Wei (Agent)');
    expect(nameWithRole('Wang Fang', 'supervisor', translator('zh-CN'))).toBe('Wang Fang（主管）');
  });

  it('a role this bundle does not know yet reads as words', () => {
    expect(roleLabel('team_lead', translator('en'))).toBe('Team lead');
    expect(nameWithRole('Ada', 'team_lead', translator('zh-CN'))).toBe('Ada（Team lead）');
  });
});
