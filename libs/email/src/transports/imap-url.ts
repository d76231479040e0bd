/** Where one IMAP mailbox lives, read from `imap://user:pass@host:port/INBOX` or `imaps://…`. */
export interface ImapLocation {
  host: string;
  port: number;
  /** TLS from the first byte (imaps://). Plain imap:// still upgrades with STARTTLS when the server offers it. */
  secure: boolean;
  /** `?starttls=required` on an imap:// URL: fail rather than send the password in the clear. */
  requireStartTls: boolean;
  user: string;
  password: string;
  mailbox: string;
}

export class InvalidImapUrl extends Error {
  constructor(reason: string) {
    super(`Invalid IMAP mailbox URL: ${reason} (expected imap://user:password@host:port/INBOX or imaps://…)`);
    this.name = 'InvalidImapUrl';
  }
}

export function parseImapUrl(url: string): ImapLocation {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidImapUrl('not a URL');
  }
  const secure = parsed.protocol === 'imaps:';
  if (!secure && parsed.protocol !== 'imap:') throw new InvalidImapUrl(`unknown scheme ${parsed.protocol}`);
  if (!parsed.hostname) throw new InvalidImapUrl('no host');
  if (!parsed.username) throw new InvalidImapUrl('no user');
  const mailbox = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'INBOX';
  const starttls = parsed.searchParams.get('starttls');
  if (starttls !== null && starttls !== 'required') throw new InvalidImapUrl(`starttls=${starttls} (only starttls=required is known)`);
  if (starttls && secure) throw new InvalidImapUrl('starttls=required is for imap://; imaps:// is TLS already');
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : secure ? 993 : 143,
    secure,
    requireStartTls: starttls === 'required',
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    mailbox,
  };
}

/** The URL without its password, for logs. */
export function redactImapUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid IMAP URL)';
  }
}
