/** `/agent/tickets/:id` → the id; anything else under /agent shows the lists alone. */
export function ticketIdFromPath(path: string): string | null {
  const match = /^\/agent\/tickets\/([0-9a-f-]{36})\/?$/i.exec(path);
  return match ? match[1].toLowerCase() : null;
}

/** `/agent/tickets/<something that is no ticket id>`: a mistyped or cut link, to say so rather than show nothing. */
export function isBrokenTicketPath(path: string): boolean {
  return /^\/agent\/tickets\/[^/]+/.test(path) && ticketIdFromPath(path) === null;
}

export const ticketPath = (id: string) => `/agent/tickets/${id}`;
