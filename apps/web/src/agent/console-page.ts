import { customerIdFromPath } from './customers/customer-route.js';
import { isBrokenTicketPath, ticketIdFromPath } from './ticket-route.js';

export const CANNED_REPLIES_PATH = '/agent/canned-replies';

/** What the console's main column shows for a path under /agent; null: nothing opened, only the lists. */
export type ConsolePage = 'ticket' | 'missing-ticket' | 'customer' | 'canned-replies' | 'macros';

export function consolePageOf(path: string): ConsolePage | null {
  if (customerIdFromPath(path)) return 'customer';
  if (path === CANNED_REPLIES_PATH) return 'canned-replies';
  if (/^\/agent\/macros\/?$/.test(path)) return 'macros';
  if (ticketIdFromPath(path)) return 'ticket';
  if (isBrokenTicketPath(path)) return 'missing-ticket';
  return null;
}

/** The customer page and the macro manager bring their own way back; the others are given one on a narrow screen. */
export const bringsOwnWayBack = (page: ConsolePage): boolean => page === 'customer' || page === 'macros';
