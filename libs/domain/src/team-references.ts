/**
 * How a setting names a team: by its id, which a rename leaves alone, or by its name in any case,
 * which a rename breaks. The settings live in the environment, which nothing in Firsthand rewrites.
 */
export type TeamReference = { readonly id: string } | { readonly name: string };

/** One entry of a setting that names a team, e.g. a MAIL_ADDRESSES address or FIRSTHAND_OIDC_PROVISION_TEAM itself. */
export interface TeamNamedBySetting {
  readonly setting: string;
  readonly entry: string;
  readonly team: TeamReference;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** A setting's one value that may be either: an id when it has an id's shape, else a name. */
export function teamReferenceOf(value: string): TeamReference {
  return UUID.test(value.trim()) ? { id: value.trim() } : { name: value };
}

/** The team a reference names among `teams`; undefined when none has that id, or that name in any case. */
export function referencedTeam<T extends { id: string; name: string }>(team: TeamReference, teams: readonly T[]): T | undefined {
  if ('id' in team) return teams.find((t) => t.id.toLowerCase() === team.id.toLowerCase());
  return teams.find((t) => sameName(t.name, team.name));
}

/**
 * The entries a team's rename from `from` to `to` would break: those naming it by its current name,
 * unless the new one differs only in case. They would quietly stop finding it (the mail routes at the
 * worker's next start, sign-in provisioning at the next newcomer), so the rename is refused instead.
 */
export function settingsBrokenByRename<T extends TeamNamedBySetting>(named: readonly T[], from: string, to: string): T[] {
  if (sameName(from, to)) return [];
  return named.filter((entry) => 'name' in entry.team && sameName(entry.team.name, from));
}
