import type { TeamNamedBySetting } from '../team-references.js';

export const MAIL_ROUTING_SETTINGS = ['MAIL_ADDRESSES', 'IMAP_MAILBOXES'] as const;
export type MailRoutingSetting = (typeof MAIL_ROUTING_SETTINGS)[number];

/** One entry of the mail settings that sends its new tickets to a team; `entry` is its address (MAIL_ADDRESSES) or the mailbox's name (IMAP_MAILBOXES). */
export interface MailTeamRoute extends TeamNamedBySetting {
  readonly setting: MailRoutingSetting;
}
