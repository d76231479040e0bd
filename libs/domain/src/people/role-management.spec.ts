import { AdminRoleRequired, DomainError, RoleRequired } from '../domain-errors.js';
import { ADMIN, errorFrom, LI, SENIOR, SUPERVISOR } from '../testing/ticket.builder.js';
import { AGENT_ROLES } from '../vocabulary.js';
import { assertMayChangeAgent, assertMayManageRole, mayManageRole } from './role-management.js';

describe('who may manage which role', () => {
  it.each(AGENT_ROLES)('an admin manages %s', (role) => {
    expect(mayManageRole(ADMIN, role)).toBe(true);
    expect(() => assertMayManageRole(ADMIN, role)).not.toThrow();
  });

  it.each(['agent', 'senior'] as const)('a supervisor manages %s', (role) => {
    expect(mayManageRole(SUPERVISOR, role)).toBe(true);
  });

  it.each(['supervisor', 'admin'] as const)('a supervisor may not create or change a %s', (role) => {
    expect(mayManageRole(SUPERVISOR, role)).toBe(false);
    const error = errorFrom(() => assertMayManageRole(SUPERVISOR, role));
    expect(error).toBeInstanceOf(AdminRoleRequired);
    expect(error).toBeInstanceOf(RoleRequired);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'role-required', message: 'Only an admin may create or change supervisors and admins.' });
    expect((error as AdminRoleRequired).extensions()).toEqual({ requiredRoles: ['admin'] });
  });

  it('leaves whether an agent or senior may reach the agent routes at all to the route guard', () => {
    expect(mayManageRole(LI, 'agent')).toBe(true);
    expect(mayManageRole(SENIOR, 'admin')).toBe(false);
  });
});

describe('assertMayChangeAgent', () => {
  it('lets a supervisor rename or move an agent without a role change', () => {
    expect(() => assertMayChangeAgent(SUPERVISOR, { role: 'agent' })).not.toThrow();
  });

  it('lets a supervisor make an agent a senior', () => {
    expect(() => assertMayChangeAgent(SUPERVISOR, { role: 'agent' }, 'senior')).not.toThrow();
  });

  it('refuses a supervisor changing a supervisor, themselves included, even without a role change', () => {
    expect(errorFrom(() => assertMayChangeAgent(SUPERVISOR, { role: 'supervisor' }))).toBeInstanceOf(AdminRoleRequired);
  });

  it('refuses a supervisor promoting an agent to supervisor or admin', () => {
    expect(errorFrom(() => assertMayChangeAgent(SUPERVISOR, { role: 'agent' }, 'supervisor'))).toBeInstanceOf(AdminRoleRequired);
    expect(errorFrom(() => assertMayChangeAgent(SUPERVISOR, { role: 'senior' }, 'admin'))).toBeInstanceOf(AdminRoleRequired);
  });

  it('refuses a supervisor demoting an admin', () => {
    expect(errorFrom(() => assertMayChangeAgent(SUPERVISOR, { role: 'admin' }, 'agent'))).toBeInstanceOf(AdminRoleRequired);
  });

  it('lets an admin promote and demote anyone', () => {
    expect(() => assertMayChangeAgent(ADMIN, { role: 'agent' }, 'admin')).not.toThrow();
    expect(() => assertMayChangeAgent(ADMIN, { role: 'supervisor' }, 'agent')).not.toThrow();
  });
});
