import { referencedTeam, settingsBrokenByRename, teamReferenceOf, type TeamNamedBySetting } from './team-references.js';

const BILLING = { id: '5b1e0c52-8f0e-4c7a-9d43-2f6a1c3e9b10', name: 'Billing' };
const FRONT = { id: '0a9d7f3e-1c2b-4e5f-8a6b-7c8d9e0f1a2b', name: 'Front Desk' };
const named: TeamNamedBySetting[] = [
  { setting: 'MAIL_ADDRESSES', entry: 'billing@brand.example', team: { name: 'billing' } },
  { setting: 'IMAP_MAILBOXES', entry: 'refunds', team: { id: BILLING.id } },
  { setting: 'IMAP_MAILBOXES', entry: 'cn', team: { name: 'Front Desk' } },
  { setting: 'FIRSTHAND_OIDC_PROVISION_TEAM', entry: 'Front Desk', team: { name: 'Front Desk' } },
];

describe('teams named in settings', () => {
  it('finds a team by its id, or by its name in any case', () => {
    expect(referencedTeam({ id: BILLING.id.toUpperCase() }, [FRONT, BILLING])).toBe(BILLING);
    expect(referencedTeam({ name: 'FRONT DESK' }, [FRONT, BILLING])).toBe(FRONT);
    expect(referencedTeam({ name: 'Front' }, [FRONT, BILLING])).toBeUndefined();
    expect(referencedTeam({ id: '00000000-0000-4000-8000-000000000000' }, [FRONT, BILLING])).toBeUndefined();
  });

  it('one value that may be either is an id when it has the shape of one, else a name', () => {
    expect(teamReferenceOf(` ${BILLING.id} `)).toEqual({ id: BILLING.id });
    expect(teamReferenceOf('Front Desk')).toEqual({ name: 'Front Desk' });
    expect(teamReferenceOf('5b1e0c52')).toEqual({ name: '5b1e0c52' });
  });

  it('a rename breaks the entries naming the team by its name; those by id, and a change of case only, stay', () => {
    expect(settingsBrokenByRename(named, 'Billing', 'Billing and refunds')).toEqual([named[0]]);
    expect(settingsBrokenByRename(named, 'Front Desk', 'Front Office')).toEqual([named[2], named[3]]);
    expect(settingsBrokenByRename(named, 'Billing', 'BILLING')).toEqual([]);
    expect(settingsBrokenByRename(named, 'Returns', 'Billing')).toEqual([]);
    expect(settingsBrokenByRename([], 'Front Desk', 'Front Office')).toEqual([]);
  });
});
