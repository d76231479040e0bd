import { storableText } from '@firsthand/domain';
import type { AddressObject, EmailAddress } from 'mailparser';
import type { MailAddress } from './read-mail.types.js';

/** Every mailbox of an address header, groups opened, lower-cased; entries without an @ dropped. */
export function mailAddresses(header: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const entries = ([] as AddressObject[]).concat(header ?? []).flatMap((object) => object.value);
  return flatten(entries).flatMap((entry) => {
    const address = (entry.address ?? '').trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+$/.test(address)) return [];
    return [{ address, name: entry.name.trim() || null }];
  });
}

export function mailAddress(header: AddressObject | AddressObject[] | undefined): MailAddress | null {
  return mailAddresses(header)[0] ?? null;
}

function flatten(entries: EmailAddress[]): EmailAddress[] {
  return entries.flatMap((entry) => (entry.group ? flatten(entry.group) : [entry]));
}

const HEADER_SCANNED = 64 * 1024;

/**
 * The From address of a mail that could not be read, from its raw header: recorded with the
 * quarantined mail, whose kept original an erasure of the sender must be able to find (a mailbox
 * gives no envelope sender).
 */
export function fromAddressInHeader(raw: Buffer): string | null {
  const head = raw.subarray(0, HEADER_SCANNED).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const header = (end === -1 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const line = /^from:(.*)$/im.exec(header)?.[1];
  if (!line) return null;
  const address = /<([^<>\s@]+@[^<>\s@]+)>/.exec(line)?.[1] ?? /([^\s<>"',;:@]+@[^\s<>"',;:@]+)/.exec(line)?.[1];
  return address ? storableText(address.toLowerCase()).slice(0, 320) : null;
}
