import { TICKET_CODE_PATTERN } from '../ticket-code.js';

/**
 * Every ticket has its own reply address, the support address plus-addressed with its code
 * (`support+fh-7k3qx@example.com`): whatever a mail client does to the subject or the headers, a
 * reply to it still names its ticket. Codes are case-insensitive on the way back in, since mail
 * systems may lower-case local parts.
 */
export function replyAddressFor(code: string, supportAddress: string): string {
  const { local, domain } = splitAddress(supportAddress);
  return `${local}+${code.toLowerCase()}@${domain}`;
}

/** The ticket code a recipient address carries, when it is our support address plus a code. */
export function ticketCodeFromAddress(address: string, supportAddress: string): string | null {
  const ours = splitAddress(supportAddress);
  const at = address.lastIndexOf('@');
  if (at < 0 || address.slice(at + 1).toLowerCase() !== ours.domain.toLowerCase()) return null;
  const local = address.slice(0, at).toLowerCase();
  const prefix = `${ours.local.toLowerCase()}+`;
  if (!local.startsWith(prefix)) return null;
  const code = local.slice(prefix.length).toUpperCase();
  return TICKET_CODE_PATTERN.test(code) ? code : null;
}

const SUBJECT_CODE = /[[【](FH-[0-9A-HJKMNP-TV-Z]{5})[\]】]/i;

/** `[FH-7K3QX]` (or `【FH-7K3QX】`, as our Chinese subjects write it) in a subject: trusted only together with the ticket's own customer as sender. */
export function ticketCodeInSubject(subject: string): string | null {
  const found = SUBJECT_CODE.exec(subject);
  return found ? found[1].toUpperCase() : null;
}

/** Is this address one of ours (the support address, its plus-addresses, or another configured one)? */
export function isOwnAddress(address: string, supportAddress: string, otherOwnAddresses: readonly string[] = []): boolean {
  const normalized = address.trim().toLowerCase();
  const ours = splitAddress(supportAddress);
  const at = normalized.lastIndexOf('@');
  if (at > 0 && normalized.slice(at + 1) === ours.domain.toLowerCase()) {
    const local = normalized.slice(0, at);
    if (local === ours.local.toLowerCase() || local.startsWith(`${ours.local.toLowerCase()}+`)) return true;
  }
  return otherOwnAddresses.some((own) => own.trim().toLowerCase() === normalized);
}

function splitAddress(address: string): { local: string; domain: string } {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) throw new Error(`Not an email address: ${address}`);
  return { local: address.slice(0, at), domain: address.slice(at + 1) };
}
