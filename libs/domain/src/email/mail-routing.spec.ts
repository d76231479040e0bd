import { mailRoutesBrokenByRename, routedTeam, type MailTeamRoute } from './mail-routing.js';

const BILLING = { id: '5b1e0c52-8f0e-4c7a-9d43-2f6a1c3e9b10', name: 'Billing' };
const FRONT = { id: '0a9d7f3e-1c2b-4e5f-8a6b-7c8d9e0f1a2b', name: 'Front Desk' };
const routes: MailTeamRoute[] = [
  { setting: 'MAIL_ADDRESSES', entry: 'billing@brand.example', team: { name: 'billing' } },
  { setting: 'IMAP_MAILBOXES', entry: 'refunds', team: { id: BILLING.id } },
  { setting: 'IMAP_MAILBOXES', entry: 'cn', team: { name: 'Front Desk' } },
];

describe('mail routing to teams', () => {
  it('finds a team by its id, or by its name in any case', () => {
    expect(routedTeam({ id: BILLING.id.toUpperCase() }, [FRONT, BILLING])).toBe(BILLING);
    expect(routedTeam({ name: 'FRONT DESK' }, [FRONT, BILLING])).toBe(FRONT);
    expect(routedTeam({ name: 'Front' }, [FRONT, BILLING])).toBeUndefined();
    expect(routedTeam({ id: '00000000-0000-4000-8000-000000000000' }, [FRONT, BILLING])).toBeUndefined();
  });

  it('a rename breaks the routes naming the team by its name; those by id, and a change of case only, stay', () => {
    expect(mailRoutesBrokenByRename(routes, 'Billing', 'Billing and refunds')).toEqual([routes[0]]);
    expect(mailRoutesBrokenByRename(routes, 'Billing', 'BILLING')).toEqual([]);
    expect(mailRoutesBrokenByRename(routes, 'Returns', 'Billing')).toEqual([]);
    expect(mailRoutesBrokenByRename([], 'Front Desk', 'Front Office')).toEqual([]);
  });
});
