import type { EnvReader } from './env-reader.js';

/** Firsthand's roles, lowest first (the same list as the domain's AGENT_ROLES; config does not depend on the domain). */
export const SIGN_IN_ROLES = ['agent', 'senior', 'supervisor', 'admin'] as const;
export type SignInRole = (typeof SIGN_IN_ROLES)[number];

/** OpenID Connect sign-in for agents (issue 15): one provider, authorization code flow with PKCE. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the sign-in button: "Sign in with <providerName>". */
  providerName: string;
  /** The provider sends the browser back to `${redirectBase}/api/auth/oidc/callback`. */
  redirectBase: string;
  scopes: string[];
  /** The ID token claim holding groups or roles; null: roles are managed in Firsthand only. */
  roleClaim: string | null;
  /** Claim value → Firsthand role; an agent whose values map to several roles gets the highest. */
  roleMap: Record<string, SignInRole>;
  /** Unknown verified emails: refused, or created in this team (by name; null: no team) and role. */
  provisioning: { mode: 'refuse' } | { mode: 'create'; team: string | null; role: SignInRole };
  /** Sign-in starts and code exchanges one client address may make a minute. */
  perAddressPerMinute: number;
}

export interface PasswordLoginSettings {
  enabled: boolean;
  /** With password login off, this admin may still sign in with a password (when the provider is down). */
  breakGlassEmail: string | null;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** FIRSTHAND_OIDC_*: null when FIRSTHAND_OIDC_ISSUER is unset; every problem lands in `read.problems`. */
export function oidcSettings(read: EnvReader, publicBaseUrl: string): OidcSettings | null {
  const issuer = read.optionalString('FIRSTHAND_OIDC_ISSUER');
  if (issuer === undefined) {
    const stray = ['FIRSTHAND_OIDC_CLIENT_ID', 'FIRSTHAND_OIDC_CLIENT_SECRET', 'FIRSTHAND_OIDC_ROLE_CLAIM', 'FIRSTHAND_OIDC_PROVISIONING'].filter((n) => read.optionalString(n) !== undefined);
    if (stray.length > 0) read.problems.push(`${stray.join(', ')} set without FIRSTHAND_OIDC_ISSUER`);
    return null;
  }
  read.url('FIRSTHAND_OIDC_ISSUER', ['https:', 'http:']);
  // Plain HTTP only to a provider on this machine (the demo, tests): anywhere else the code and tokens would cross the network in clear.
  try {
    const url = new URL(issuer);
    if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) read.problems.push('FIRSTHAND_OIDC_ISSUER must be https:// (http:// is allowed only for localhost)');
  } catch {
    /* reported by read.url */
  }
  const clientId = read.string('FIRSTHAND_OIDC_CLIENT_ID');
  const clientSecret = read.string('FIRSTHAND_OIDC_CLIENT_SECRET');
  const redirectBase = read.url('FIRSTHAND_OIDC_REDIRECT_BASE', ['https:', 'http:'], publicBaseUrl).replace(/\/+$/, '');
  const scopes = read.string('FIRSTHAND_OIDC_SCOPES', 'openid email profile').split(/[\s,]+/).filter(Boolean);
  if (!scopes.includes('openid')) read.problems.push('FIRSTHAND_OIDC_SCOPES must include openid');
  if (!scopes.includes('email')) read.problems.push('FIRSTHAND_OIDC_SCOPES must include email (agents are matched by verified email)');
  const roleClaim = read.optionalString('FIRSTHAND_OIDC_ROLE_CLAIM') ?? null;
  const roleMap = roleMapOf(read);
  if (roleClaim !== null && Object.keys(roleMap).length === 0) read.problems.push('FIRSTHAND_OIDC_ROLE_CLAIM needs FIRSTHAND_OIDC_ROLE_MAP (for example helpdesk-admins:admin,helpdesk-leads:supervisor)');
  if (roleClaim === null && Object.keys(roleMap).length > 0) read.problems.push('FIRSTHAND_OIDC_ROLE_MAP needs FIRSTHAND_OIDC_ROLE_CLAIM (the claim holding the groups)');
  const mode = read.oneOf('FIRSTHAND_OIDC_PROVISIONING', ['refuse', 'create'] as const, 'refuse');
  const role = read.oneOf('FIRSTHAND_OIDC_PROVISION_ROLE', ['agent', 'senior', 'supervisor'] as const, 'agent');
  const team = read.optionalString('FIRSTHAND_OIDC_PROVISION_TEAM') ?? null;
  return {
    issuer,
    clientId,
    clientSecret,
    providerName: read.string('FIRSTHAND_OIDC_PROVIDER_NAME', 'single sign-on').slice(0, 60),
    redirectBase,
    scopes,
    roleClaim,
    roleMap,
    provisioning: mode === 'create' ? { mode, team, role } : { mode },
    perAddressPerMinute: read.int('FIRSTHAND_OIDC_PER_ADDRESS_PER_MINUTE', 60, 1, 10_000),
  };
}

function roleMapOf(read: EnvReader): Record<string, SignInRole> {
  const raw = read.optionalString('FIRSTHAND_OIDC_ROLE_MAP');
  const map: Record<string, SignInRole> = {};
  if (raw === undefined) return map;
  for (const entry of raw.split(',').map((e) => e.trim()).filter(Boolean)) {
    const at = entry.lastIndexOf(':');
    const value = entry.slice(0, at).trim();
    const role = entry.slice(at + 1).trim() as SignInRole;
    if (at <= 0 || !SIGN_IN_ROLES.includes(role)) {
      read.problems.push(`FIRSTHAND_OIDC_ROLE_MAP entries must be <claim value>:<${SIGN_IN_ROLES.join('|')}>, got "${entry}"`);
      continue;
    }
    map[value] = role;
  }
  return map;
}

/** FIRSTHAND_PASSWORD_LOGIN=on|off and the break-glass admin; off needs OIDC, or nobody could sign in. */
export function passwordLoginSettings(read: EnvReader, oidc: OidcSettings | null): PasswordLoginSettings {
  const enabled = read.oneOf('FIRSTHAND_PASSWORD_LOGIN', ['on', 'off'] as const, 'on') === 'on';
  const breakGlassEmail = read.optionalString('FIRSTHAND_BREAK_GLASS_EMAIL')?.toLowerCase() ?? null;
  if (!enabled && oidc === null) read.problems.push('FIRSTHAND_PASSWORD_LOGIN=off needs FIRSTHAND_OIDC_ISSUER (otherwise no one could sign in)');
  if (!enabled && breakGlassEmail === null) read.problems.push('FIRSTHAND_PASSWORD_LOGIN=off needs FIRSTHAND_BREAK_GLASS_EMAIL, an admin who may still use a password if the provider is down');
  if (breakGlassEmail !== null && !/^[^\s@]+@[^\s@]+$/.test(breakGlassEmail)) read.problems.push(`FIRSTHAND_BREAK_GLASS_EMAIL must be an email address, got "${breakGlassEmail}"`);
  return { enabled, breakGlassEmail };
}
