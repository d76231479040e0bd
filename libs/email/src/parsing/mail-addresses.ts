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
