import { RoleRequired } from '../domain-errors.js';
import { ConflictingTagChange } from '../tags/tag-errors.js';
import { ADMIN, errorFrom, LI, SAM, SENIOR, SUPERVISOR } from '../testing/ticket.builder.js';
import { mayManageMacro, maySeeMacro, teamForNewMacro } from './macro-access.js';
import { defineMacro, type MacroDraft } from './macro-definition.js';
import { InvalidMacro } from './macro-errors.js';
import { macroReplyFor } from './macro.js';

const DRAFT: MacroDraft = { name: ' Waiting on bank ', reply: { 'zh-CN': '', en: 'Hi {{customer.name}}' }, status: null, addTags: ['Bank'], removeTags: [], priority: null };

describe('defineMacro', () => {
  it('trims the name, normalises tags and stores an empty reply as none', () => {
    expect(defineMacro(DRAFT)).toEqual({ name: 'Waiting on bank', reply: { 'zh-CN': null, en: 'Hi {{customer.name}}' }, status: null, addTags: ['bank'], removeTags: [], priority: null });
  });

  it('refuses a macro that does nothing', () => {
    expect(errorFrom(() => defineMacro({ ...DRAFT, reply: { 'zh-CN': ' ', en: null }, addTags: [] }))).toBeInstanceOf(InvalidMacro);
  });

  it('refuses unknown placeholders and names them', () => {
    const error = errorFrom(() => defineMacro({ ...DRAFT, reply: { 'zh-CN': '{{客户}}', en: 'Hi {{ customer.nmae }}' } }));
    expect(error).toBeInstanceOf(InvalidMacro);
    expect((error as InvalidMacro).extensions()).toEqual({ unknownPlaceholders: ['客户', 'customer.nmae'] });
  });

  it('refuses a tag both added and removed', () => {
    expect(errorFrom(() => defineMacro({ ...DRAFT, removeTags: ['BANK'] }))).toBeInstanceOf(ConflictingTagChange);
  });
});

describe('macro replies', () => {
  it("picks the customer's language, and the other one when that is empty", () => {
    expect(macroReplyFor({ reply: { 'zh-CN': '您好', en: 'Hello' } }, 'zh-CN')).toBe('您好');
    expect(macroReplyFor({ reply: { 'zh-CN': null, en: 'Hello' } }, 'zh-CN')).toBe('Hello');
    expect(macroReplyFor({ reply: { 'zh-CN': null, en: null } }, 'en')).toBeNull();
  });
});

describe('who sees and manages macros', () => {
  const personal = { scope: 'personal' as const, ownerId: LI.id, teamId: null };
  const team = { scope: 'team' as const, ownerId: SENIOR.id, teamId: 'team-billing' };
  const otherTeam = { ...team, teamId: 'team-sales' };

  it('keeps a personal macro to its owner', () => {
    expect([maySeeMacro(LI, personal), maySeeMacro(SAM, personal), maySeeMacro(SUPERVISOR, personal)]).toEqual([true, false, false]);
    expect([mayManageMacro(LI, personal), mayManageMacro(SAM, personal)]).toEqual([true, false]);
  });

  it("shows a team macro to the team and supervisors; seniors of the team and supervisors manage it", () => {
    expect([maySeeMacro(SAM, team), maySeeMacro(SAM, otherTeam), maySeeMacro(ADMIN, otherTeam)]).toEqual([true, false, true]);
    expect([mayManageMacro(SAM, team), mayManageMacro(SENIOR, team), mayManageMacro(SENIOR, otherTeam), mayManageMacro(SUPERVISOR, otherTeam)]).toEqual([false, true, false, true]);
  });

  it('lets only seniors (their own team) and supervisors share a macro with a team', () => {
    expect(teamForNewMacro(LI, 'personal', undefined)).toBeNull();
    expect(teamForNewMacro(SENIOR, 'team', undefined)).toBe('team-billing');
    expect(teamForNewMacro(SUPERVISOR, 'team', 'team-sales')).toBe('team-sales');
    expect(errorFrom(() => teamForNewMacro(SAM, 'team', undefined))).toBeInstanceOf(RoleRequired);
    expect(errorFrom(() => teamForNewMacro(SENIOR, 'team', 'team-sales'))).toBeInstanceOf(RoleRequired);
    expect(errorFrom(() => teamForNewMacro(ADMIN, 'team', undefined))).toBeInstanceOf(RoleRequired);
  });
});
