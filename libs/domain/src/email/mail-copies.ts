import { NotTicketOwner } from '../domain-errors.js';
import type { CustomerProgressKind } from '../progress-notices.js';
import type { ActingAgent } from '../ticket.js';
import { isSupervisorRole } from '../vocabulary.js';

/** Someone a customer copied on their mail (a colleague, their manager): a ticket keeps them and copies them on our answers. */
export interface CopiedPerson {
  /** Lower-cased. */
  address: string;
  name: string | null;
}

/** At most this many people are copied on one ticket: a mail to a mailing list's worth of people stops here. */
export const TICKET_MAX_COPIED = 10;

/**
 * What the people copied on a ticket receive: what an agent wrote to the customer (a reply, and how
 * the issue was resolved). The rest (acknowledgements, promises, reminders) is between us and the
 * customer, whose own emails also carry their tracking link with its token (a copy never does).
 */
const COPIED_KINDS: ReadonlySet<CustomerProgressKind> = new Set(['agent_replied', 'resolved']);

export function copiedOn(kind: CustomerProgressKind): boolean {
  return COPIED_KINDS.has(kind);
}

const ADDRESS = /^[^\s\p{Cc}\p{Cf}@<>(),;:"[\]\\]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z0-9-]{2,63}$/u;

/** An address we could write to and store: one mailbox, no spaces or control characters, at most 254 characters. */
export function isCopyableAddress(address: string): boolean {
  return address.length <= 254 && ADDRESS.test(address);
}

/**
 * The people a customer's mail copied: its To and Cc but the sender, the customer's own addresses
 * and ours (support@ and its plus-addresses, a brand's); each once, oldest header first, an address
 * we could not write to left out; names kept one line, without control characters, at most 120.
 */
export function copiedOnMail(
  mail: { from: { address: string } | null; to: readonly CopiedPerson[]; cc: readonly CopiedPerson[] },
  isOurs: (address: string) => boolean,
  customerAddresses: readonly string[],
): CopiedPerson[] {
  const skip = new Set([mail.from?.address ?? '', ...customerAddresses].map((a) => a.trim().toLowerCase()));
  const copied = new Map<string, CopiedPerson>();
  for (const person of [...mail.to, ...mail.cc]) {
    const address = person.address.trim().toLowerCase();
    if (!isCopyableAddress(address) || skip.has(address) || copied.has(address) || isOurs(address)) continue;
    const name = person.name?.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 120) || null;
    copied.set(address, { address, name: name && name.toLowerCase() !== address ? name : null });
  }
  return [...copied.values()];
}

/**
 * Who may stop copying someone on a ticket: its owner, who answers the customer, or a supervisor or
 * admin; anyone else is told who owns it.
 */
export function assertMayStopCopying(owner: { id: string; name: string } | null, agent: ActingAgent): void {
  if (isSupervisorRole(agent.role) || owner?.id === agent.id) return;
  throw new NotTicketOwner('stop copying someone on its emails', owner?.id ?? null, owner?.name ?? null);
}
