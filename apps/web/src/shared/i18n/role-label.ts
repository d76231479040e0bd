import { AGENT_ROLES, type AgentRole } from '@firsthand/domain';
import { humanise } from './humanise.js';
import type { Translate } from './locale.js';

const isAgentRole = (value: string): value is AgentRole => (AGENT_ROLES as readonly string[]).includes(value);

/** A role as people read it ("Senior agent", "资深客服"); one this bundle does not know yet shows as words. */
export function roleLabel(role: string, t: Translate): string {
  return isAgentRole(role) ? t(`role.${role}`) : humanise(role);
}

/** "Li Wei (Agent)", "Li Wei（客服）": how a person is named beside their role in lists and pickers. */
export function nameWithRole(name: string, role: string, t: Translate): string {
  return t('role.nameWithRole', { name, role: roleLabel(role, t) });
}
