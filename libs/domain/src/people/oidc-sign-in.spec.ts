import { claimValues, decideSignIn, mappedRole, type ProviderIdentity, type SignInPolicy } from './oidc-sign-in.js';

const person = (over: Partial<ProviderIdentity> = {}): ProviderIdentity => ({ email: 'Wang.Fang@Example.COM', emailVerified: true, name: 'Wang Fang', roleClaimValues: [], ...over });
const refuse: SignInPolicy = { roleMap: null, provisioning: { mode: 'refuse' } };
const create: SignInPolicy = { roleMap: null, provisioning: { mode: 'create', teamId: 'team-1', role: 'agent' } };
const known = { id: 'a1', role: 'agent' as const, active: true };

describe('who a provider identity signs in as', () => {
  it('refuses a missing or unverified email before anything else', () => {
    expect(decideSignIn(person({ email: null }), known, refuse)).toEqual({ kind: 'refuse', reason: 'email-missing' });
    expect(decideSignIn(person({ email: '  ' }), known, refuse)).toEqual({ kind: 'refuse', reason: 'email-missing' });
    expect(decideSignIn(person({ emailVerified: false }), known, create)).toEqual({ kind: 'refuse', reason: 'email-unverified' });
  });

  it('signs a known, active agent in and refuses a deactivated one', () => {
    expect(decideSignIn(person(), known, refuse)).toEqual({ kind: 'sign-in', agentId: 'a1', roleChange: null });
    expect(decideSignIn(person(), { ...known, active: false }, create)).toEqual({ kind: 'refuse', reason: 'agent-deactivated' });
  });

  it('refuses or creates an unknown person as configured, with the email lower-cased', () => {
    expect(decideSignIn(person(), null, refuse)).toEqual({ kind: 'refuse', reason: 'unknown-agent' });
    expect(decideSignIn(person(), null, create)).toEqual({ kind: 'create', email: 'wang.fang@example.com', name: 'Wang Fang', role: 'agent', teamId: 'team-1' });
    expect(decideSignIn(person({ name: null }), null, create)).toMatchObject({ name: 'wang.fang' });
  });

  it('with a role map, the highest mapped group decides the role, and no mapped group refuses', () => {
    const mapped: SignInPolicy = { roleMap: { staff: 'agent', leads: 'supervisor', root: 'admin' }, provisioning: { mode: 'create', teamId: null, role: 'agent' } };
    expect(decideSignIn(person({ roleClaimValues: ['staff', 'leads'] }), known, mapped)).toEqual({ kind: 'sign-in', agentId: 'a1', roleChange: 'supervisor' });
    expect(decideSignIn(person({ roleClaimValues: ['staff'] }), known, mapped)).toEqual({ kind: 'sign-in', agentId: 'a1', roleChange: null });
    expect(decideSignIn(person({ roleClaimValues: ['visitors'] }), known, mapped)).toEqual({ kind: 'refuse', reason: 'no-mapped-role' });
    expect(decideSignIn(person({ roleClaimValues: ['root'] }), null, mapped)).toMatchObject({ kind: 'create', role: 'admin' });
  });

  it('reads group claims from arrays or strings and ignores inherited keys', () => {
    expect(claimValues(['a', 2, 'b'])).toEqual(['a', 'b']);
    expect(claimValues('a b,c')).toEqual(['a', 'b', 'c']);
    expect(claimValues({ a: 1 })).toEqual([]);
    expect(mappedRole(['constructor', 'toString'], { staff: 'agent' })).toBeNull();
  });
});
