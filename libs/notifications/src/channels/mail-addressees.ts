/** A person on an email's headers. */
export interface MailPerson {
  address: string;
  name: string | null;
}

/**
 * The conversation's people as an email's headers show them, when there are more than its one
 * recipient: the customer in To, the people they copied in Cc. Everyone sees who else is on it (and
 * "reply all" keeps them together), but each gets an email of their own, sent to them alone: the
 * customer's carries their tracking link with its token, a copy never does.
 */
export interface MailAddressees {
  to: MailPerson;
  cc: MailPerson[];
}

/** Stored in a customer email's `payload` (and read back at each attempt). */
export function addresseesPayload(addressees: MailAddressees): { addressees: MailAddressees } {
  return { addressees };
}

/** The addressees a stored email carries; none for one without (or with anything else). */
export function addresseesOf(payload: unknown): MailAddressees | undefined {
  const stored = (payload as { addressees?: unknown } | null)?.addressees as Partial<MailAddressees> | undefined;
  if (!stored || !isPerson(stored.to) || !Array.isArray(stored.cc) || !stored.cc.every(isPerson)) return undefined;
  return { to: stored.to, cc: stored.cc };
}

function isPerson(value: unknown): value is MailPerson {
  const person = value as Partial<MailPerson> | null;
  return typeof person?.address === 'string' && (person.name === null || typeof person.name === 'string');
}
