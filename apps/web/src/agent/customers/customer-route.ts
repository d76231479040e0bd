/** `/agent/customers/:id` → the id; the console shows the customer page instead of a ticket. */
export function customerIdFromPath(path: string): string | null {
  const match = /^\/agent\/customers\/([0-9a-f-]{36})\/?$/i.exec(path);
  return match ? match[1].toLowerCase() : null;
}

export const customerPath = (id: string) => `/agent/customers/${id}`;

/**
 * Moves the console to another of its paths from anywhere inside it: the console's own path hook
 * listens for popstate, so components need no navigate callback threaded through.
 */
export function goTo(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
