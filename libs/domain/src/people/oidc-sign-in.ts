import { AGENT_ROLES, type AgentRole } from '../vocabulary.js';

/** What a validated ID token says about the person (the token's signature, issuer, audience, expiry and nonce were checked before). */
export interface ProviderIdentity {
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  /** Values of the configured role claim (groups), empty when absent. */
  roleClaimValues: string[];
}

export interface SignInPolicy {
  /** null: roles are not taken from the provider. */
  roleMap: Record<string, AgentRole> | null;
  provisioning: { mode: 'refuse' } | { mode: 'create'; teamId: string | null; role: AgentRole };
}

export interface KnownAgent {
  id: string;
  role: AgentRole;
  active: boolean;
}

export type SignInRefusal = 'email-missing' | 'email-unverified' | 'unknown-agent' | 'agent-deactivated' | 'no-mapped-role';

export type SignInDecision =
  | { kind: 'refuse'; reason: SignInRefusal }
  | { kind: 'sign-in'; agentId: string; roleChange: AgentRole | null }
  | { kind: 'create'; email: string; name: string; role: AgentRole; teamId: string | null };

/** The highest Firsthand role any of the claim's values maps to, or null. */
export function mappedRole(values: readonly string[], roleMap: Record<string, AgentRole>): AgentRole | null {
  let best = -1;
  for (const value of values) {
    const role = Object.hasOwn(roleMap, value) ? roleMap[value] : undefined;
    if (role !== undefined) best = Math.max(best, AGENT_ROLES.indexOf(role));
  }
  return best < 0 ? null : AGENT_ROLES[best];
}

/**
 * Who a provider's identity signs in as. Only a verified email identifies an agent (anyone can
 * claim an unverified one at many providers); a deactivated agent stays out whatever the provider
 * says; with a role map the provider's groups decide the role, and no mapped group means no entry.
 */
export function decideSignIn(identity: ProviderIdentity, agent: KnownAgent | null, policy: SignInPolicy): SignInDecision {
  const email = identity.email?.trim().toLowerCase() ?? '';
  if (!email) return { kind: 'refuse', reason: 'email-missing' };
  if (!identity.emailVerified) return { kind: 'refuse', reason: 'email-unverified' };
  const role = policy.roleMap ? mappedRole(identity.roleClaimValues, policy.roleMap) : null;
  if (policy.roleMap && role === null) return { kind: 'refuse', reason: 'no-mapped-role' };
  if (agent) {
    if (!agent.active) return { kind: 'refuse', reason: 'agent-deactivated' };
    return { kind: 'sign-in', agentId: agent.id, roleChange: role !== null && role !== agent.role ? role : null };
  }
  if (policy.provisioning.mode === 'refuse') return { kind: 'refuse', reason: 'unknown-agent' };
  const name = identity.name?.trim().slice(0, 120) || email.slice(0, email.indexOf('@'));
  return { kind: 'create', email, name, role: role ?? policy.provisioning.role, teamId: policy.provisioning.teamId };
}

/** Group claims come as an array of strings, or one space- or comma-separated string. */
export function claimValues(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((v): v is string => typeof v === 'string');
  if (typeof claim === 'string') return claim.split(/[\s,]+/).filter(Boolean);
  return [];
}
