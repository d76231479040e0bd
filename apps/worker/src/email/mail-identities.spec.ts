import type { MailboxSettings } from '@firsthand/config';
import { MailIdentities } from './mail-identities.js';

const mailbox = (name: string, address: string | null, fromName: string | null = null): MailboxSettings => ({
  name, url: `imap://u@h/${name}`, team: null, address, fromName, takenFolder: 'T', quarantineFolder: 'Q', pollEverySeconds: 30, claimExpirySeconds: 120, concurrency: 4, oauth2: null,
});

describe('MailIdentities', () => {
  const identities = new MailIdentities({
    supportAddress: 'support@help.example',
    ownAddresses: ['noreply@help.example'],
    mailboxes: [mailbox('brandb', 'hello@brand-b.example', 'Brand B 客服'), mailbox('plain', null), mailbox('bare', 'team@bare.example')],
    addresses: [{ address: 'help@brand-c.example', fromName: 'Brand C', team: null }],
  });

  it("answers a ticket from the mailbox it came in through when that has its own address, else from the support address", () => {
    expect(identities.forMailbox('imap:brandb')).toEqual({ from: '"Brand B 客服" <hello@brand-b.example>', replyBase: 'hello@brand-b.example', name: 'Brand B 客服' });
    expect(identities.forMailbox('imap:bare')).toEqual({ from: 'team@bare.example', replyBase: 'team@bare.example', name: null });
    expect(identities.forMailbox('smtp:help@brand-c.example')).toEqual({ from: '"Brand C" <help@brand-c.example>', replyBase: 'help@brand-c.example', name: 'Brand C' });
    for (const source of ['imap:plain', 'smtp', 'imap:gone', 'smtp:other@brand-c.example', null]) expect(identities.forMailbox(source)).toEqual({ from: null, replyBase: 'support@help.example', name: null });
  });

  it('says a mail to the SMTP listener came in at the first of MAIL_ADDRESSES it was sent to, or its plus-address', () => {
    expect(identities.smtpSourceFor(['someone@else.example', 'Help@Brand-C.example'])).toBe('smtp:help@brand-c.example');
    expect(identities.smtpSourceFor(['help+fh-7k3qx@brand-c.example'])).toBe('smtp:help@brand-c.example');
    // A mailbox's own address is the mailbox's, not the listener's.
    expect(identities.smtpSourceFor(['hello@brand-b.example', 'support@help.example'])).toBe('smtp');
    expect(identities.smtpSourceFor([])).toBe('smtp');
  });

  it('finds a ticket code in the plus-address of any of our addresses, and in no other', () => {
    expect(identities.codeIn('support+fh-7k3qx@help.example')).toBe('FH-7K3QX');
    expect(identities.codeIn('Hello+FH-7K3QX@Brand-B.example')).toBe('FH-7K3QX');
    expect(identities.codeIn('team+fh-7k3qx@bare.example')).toBe('FH-7K3QX');
    expect(identities.codeIn('help+fh-7k3qx@brand-c.example')).toBe('FH-7K3QX');
    expect(identities.codeIn('hello+fh-7k3qx@brand-d.example')).toBeNull();
    expect(identities.codeIn('someone+fh-7k3qx@brand-b.example')).toBeNull();
    expect(identities.codeIn('hello@brand-b.example')).toBeNull();
  });

  it('counts every one of our addresses, their plus-addresses and MAIL_OWN_ADDRESSES as ours (a loop)', () => {
    for (const own of ['support@help.example', 'hello@brand-b.example', 'HELLO+fh-7k3qx@brand-b.example', 'team@bare.example', 'help@brand-c.example', 'noreply@help.example']) expect(identities.isOwn(own)).toBe(true);
    for (const other of ['customer@brand-b.example', 'hello@brand-c.example']) expect(identities.isOwn(other)).toBe(false);
  });
});
