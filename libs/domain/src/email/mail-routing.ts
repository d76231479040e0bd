/**
 * The team a mail address's or mailbox's new tickets go to, as the mail settings name it: by the
 * team's id, which a rename leaves alone, or by its name in any case, which a rename breaks.
 */
export type RoutedTeam = { readonly id: string } | { readonly name: string };

export const MAIL_ROUTING_SETTINGS = ['MAIL_ADDRESSES', 'IMAP_MAILBOXES'] as const;
export type MailRoutingSetting = (typeof MAIL_ROUTING_SETTINGS)[number];

/** One entry of the mail settings that sends its new tickets to a team; `entry` is its address (MAIL_ADDRESSES) or the mailbox's name (IMAP_MAILBOXES). */
export interface MailTeamRoute {
  readonly setting: MailRoutingSetting;
  readonly entry: string;
  readonly team: RoutedTeam;
}

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The team a route names among `teams`; undefined when none has that id, or that name in any case. */
export function routedTeam<T extends { id: string; name: string }>(team: RoutedTeam, teams: readonly T[]): T | undefined {
  if ('id' in team) return teams.find((t) => t.id.toLowerCase() === team.id.toLowerCase());
  return teams.find((t) => sameName(t.name, team.name));
}

/**
 * The routes a team's rename from `from` to `to` would break: those naming it by its current
 * name, unless the new one differs only in case. The worker matches the names once, at start, so
 * a broken route would quietly send the team's mail to the default team from its next start.
 */
export function mailRoutesBrokenByRename(routes: readonly MailTeamRoute[], from: string, to: string): MailTeamRoute[] {
  if (sameName(from, to)) return [];
  return routes.filter((route) => 'name' in route.team && sameName(route.team.name, from));
}
