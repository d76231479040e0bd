/** `/agent/customers/:id` → the id; the console shows the customer page instead of a ticket. */
export function customerIdFromPath(path: string): string | null {
  const match = /^\/agent\/customers\/([0-9a-f-]{36})\/?$/i.exec(path);
  return match ? match[1].toLowerCase() : null;
}

export const customerPath = (id: string) => `/agent/customers/${id}`;
