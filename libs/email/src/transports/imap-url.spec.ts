import { InvalidImapUrl, parseImapUrl, redactImapUrl } from './imap-url.js';

describe('parseImapUrl', () => {
  it('reads user, password, host, port and mailbox, decoding escapes', () => {
    expect(parseImapUrl('imap://support%40example.com:p%40ss%2Fword@mail.example.com:1143/Support%2FInbox')).toEqual({
      host: 'mail.example.com',
      port: 1143,
      secure: false,
      requireStartTls: false,
      user: 'support@example.com',
      password: 'p@ss/word',
      mailbox: 'Support/Inbox',
    });
  });

  it('defaults to INBOX and the scheme port: 143 for imap, 993 with TLS for imaps', () => {
    expect(parseImapUrl('imap://u:p@h')).toMatchObject({ port: 143, secure: false, mailbox: 'INBOX' });
    expect(parseImapUrl('imaps://u:p@h/')).toMatchObject({ port: 993, secure: true, mailbox: 'INBOX' });
  });

  it('can require STARTTLS on imap://', () => {
    expect(parseImapUrl('imap://u:p@h/INBOX?starttls=required')).toMatchObject({ secure: false, requireStartTls: true, mailbox: 'INBOX' });
    expect(() => parseImapUrl('imap://u:p@h/INBOX?starttls=maybe')).toThrow(/starttls=maybe/);
    expect(() => parseImapUrl('imaps://u:p@h/INBOX?starttls=required')).toThrow(InvalidImapUrl);
  });

  it('refuses what is not an IMAP mailbox URL', () => {
    expect(() => parseImapUrl('pop3://u:p@h')).toThrow(InvalidImapUrl);
    expect(() => parseImapUrl('imap://h/INBOX')).toThrow(/no user/);
    expect(() => parseImapUrl('not a url')).toThrow(InvalidImapUrl);
  });

  it('keeps the password out of logs', () => {
    expect(redactImapUrl('imaps://u:secret@h:993/INBOX')).toBe('imaps://u:***@h:993/INBOX');
  });
});
