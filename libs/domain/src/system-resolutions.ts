import { SPAM_RESOLUTION } from './tags/close-as-spam.js';

/** What the system writes as a ticket's resolution where no person wrote one: the bot's "This solved it", a spam close, an erasure. */
const SYSTEM_RESOLUTIONS: ReadonlySet<string> = new Set(['bot', SPAM_RESOLUTION, 'erased']);

/** A resolution as a customer may read it: the owner's own words, never one of the system's markers. */
export function customerResolution(resolution: string | null | undefined): string | null {
  const text = resolution?.trim();
  return text && !SYSTEM_RESOLUTIONS.has(text) ? text : null;
}
