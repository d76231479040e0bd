import { availableParallelism } from 'node:os';
import { ConfigError } from './config-error.js';
import { loadConfig, mailTeamRoutes } from './firsthand-config.js';

describe('configuration', () => {
  const valid = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db', REDIS_URL: 'redis://127.0.0.1:6379', FIRSTHAND_SECRET: 'x'.repeat(32) };

  it('loads a typed object with defaults', () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({ api: { port: 3000, runMigrations: true }, windows: { reopenDays: 7, repeatContactDays: 7 } });
  });

  it('names every bad variable', () => {
    let error: unknown;
    try {
      loadConfig({ ...valid, DATABASE_URL: 'mysql://x', API_PORT: 'eighty', FIRSTHAND_SECRET: 'short', FIRSTHAND_REOPEN_WINDOW_DAYS: '0' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['DATABASE_URL', 'API_PORT', 'FIRSTHAND_SECRET', 'FIRSTHAND_REOPEN_WINDOW_DAYS']) expect(message).toContain(name);
  });

  it('runs as many first-page searches at once as the machine has cores, at most 4, unless DATABASE_SEARCH_POOL_SIZE says otherwise', () => {
    expect(loadConfig(valid).databaseSearchPoolSize).toBe(Math.min(4, availableParallelism()));
    expect(loadConfig({ ...valid, DATABASE_SEARCH_POOL_SIZE: '6' }).databaseSearchPoolSize).toBe(6);
    for (const bad of ['0', '101', 'two']) expect(() => loadConfig({ ...valid, DATABASE_SEARCH_POOL_SIZE: bad })).toThrow(/DATABASE_SEARCH_POOL_SIZE/);
  });

  it('the worker keeps 2 connections to the mail relay unless SMTP_MAX_CONNECTIONS says otherwise (1-50)', () => {
    expect(loadConfig(valid).notifications.smtpMaxConnections).toBe(2);
    expect(loadConfig({ ...valid, SMTP_MAX_CONNECTIONS: '5' }).notifications.smtpMaxConnections).toBe(5);
    for (const bad of ['0', '51', 'many']) expect(() => loadConfig({ ...valid, SMTP_MAX_CONNECTIONS: bad })).toThrow(/SMTP_MAX_CONNECTIONS/);
  });

  it('SMS budgets: per number, per country and in all per hour, and the allowed country prefixes', () => {
    expect(loadConfig(valid).notifications).toMatchObject({
      smsPerNumberPerHour: 10,
      smsPerCountryPerHour: 100,
      smsPerHour: 300,
      smsAllowedPrefixes: ['+86', '+852', '+853', '+886'],
      smsHomePrefix: '+86',
    });
    expect(loadConfig({ ...valid, SMS_ALLOWED_PREFIXES: ' +86, +1 ', SMS_PER_HOUR: '0' }).notifications).toMatchObject({ smsAllowedPrefixes: ['+86', '+1'], smsPerHour: 0 });
    expect(() => loadConfig({ ...valid, SMS_ALLOWED_PREFIXES: '+86,44' })).toThrow(/SMS_ALLOWED_PREFIXES/);
    expect(loadConfig(valid).notifications.webhookAllowedCidrs).toEqual([]);
    expect(loadConfig({ ...valid, WEBHOOK_ALLOWED_CIDRS: ' 127.0.0.1/32, ::1/128,10.20.0.0/16 ' }).notifications.webhookAllowedCidrs).toEqual(['127.0.0.1/32', '::1/128', '10.20.0.0/16']);
    expect(() => loadConfig({ ...valid, WEBHOOK_ALLOWED_CIDRS: '127.0.0.1/32,intranet' })).toThrow(/WEBHOOK_ALLOWED_CIDRS/);
    expect(() => loadConfig({ ...valid, SMS_HOME_PREFIX: 'CN' })).toThrow(/SMS_HOME_PREFIX/);
  });

  it('the web app: gateway URL for pages (optional, http or https, no trailing slash) and build folder', () => {
    expect(loadConfig(valid).web).toEqual({ distDir: null, publicGatewayUrl: null });
    expect(loadConfig({ ...valid, PUBLIC_GATEWAY_URL: 'https://live.example.com/', FIRSTHAND_WEB_DIR: '/srv/web' }).web).toEqual({ distDir: '/srv/web', publicGatewayUrl: 'https://live.example.com' });
    expect(() => loadConfig({ ...valid, PUBLIC_GATEWAY_URL: 'ws://live.example.com' })).toThrow(/PUBLIC_GATEWAY_URL/);
  });

  it('the gateway re-checks open sockets against the agents every 60 s by default, 5 s at the least', () => {
    expect(loadConfig(valid).gateway.accessRecheckSeconds).toBe(60);
    expect(loadConfig({ ...valid, GATEWAY_ACCESS_RECHECK_SECONDS: '15' }).gateway.accessRecheckSeconds).toBe(15);
    expect(() => loadConfig({ ...valid, GATEWAY_ACCESS_RECHECK_SECONDS: '1' })).toThrow(/GATEWAY_ACCESS_RECHECK_SECONDS/);
  });

  it('mail: the support address from the sender by default, the listener off unless a port is set, mailboxes as JSON', () => {
    const mail = loadConfig(valid).mail;
    expect(mail).toMatchObject({ supportAddress: 'support@firsthand.local', inboundSmtp: null, acceptedDomains: ['firsthand.local'], mailboxes: [] });
    const configured = loadConfig({
      ...valid,
      MAIL_SUPPORT_ADDRESS: 'Help@Example.com',
      INBOUND_SMTP_PORT: '2525',
      IMAP_MAILBOXES: JSON.stringify([{ name: 'billing', url: 'imaps://u:p@mail.example.com/INBOX', team: 'Billing' }]),
    }).mail;
    expect(configured.supportAddress).toBe('help@example.com');
    // The notifications' sender is one of ours even when customers write elsewhere: mail from it is a loop.
    expect(loadConfig({ ...valid, NOTIFY_EMAIL_FROM: 'Help <No-Reply@Example.com>', MAIL_SUPPORT_ADDRESS: 'help@example.com', MAIL_OWN_ADDRESSES: 'bot@example.com' }).mail.ownAddresses).toEqual(['bot@example.com', 'no-reply@example.com']);
    expect(configured.inboundSmtp).toEqual({ host: '127.0.0.1', port: 2525 });
    expect(configured.mailboxes).toEqual([
      { name: 'billing', url: 'imaps://u:p@mail.example.com/INBOX', team: { name: 'Billing' }, takenFolder: 'Firsthand/Taken', quarantineFolder: 'Firsthand/Quarantine', pollEverySeconds: 30, claimExpirySeconds: 120, concurrency: 64, oauth2: null, address: null, fromName: null },
    ]);
    const tuned = loadConfig({ ...valid, IMAP_MAILBOXES: JSON.stringify([{ name: 'b', url: 'imap://u:p@h/INBOX', claimExpirySeconds: 900, concurrency: 1 }]) }).mail;
    expect(tuned.mailboxes[0]).toMatchObject({ claimExpirySeconds: 900, concurrency: 1 });
    expect(() => loadConfig({ ...valid, IMAP_MAILBOXES: '[{"name":"b","url":"imap://h/INBOX","claimExpirySeconds":5}]' })).toThrow(/IMAP_MAILBOXES\[0\]\.claimExpirySeconds must be a whole number from 30/);
    expect(() => loadConfig({ ...valid, IMAP_MAILBOXES: '[{"name":"b","url":"imap://h/INBOX","concurrency":2.5}]' })).toThrow(/IMAP_MAILBOXES\[0\]\.concurrency/);
    expect(() => loadConfig({ ...valid, IMAP_MAILBOXES: '[{"name":"x","url":"http://nope"}]' })).toThrow(/IMAP_MAILBOXES\[0\]/);
    expect(() => loadConfig({ ...valid, IMAP_MAILBOXES: '[{"name":"b","url":"imaps://support%40example.com@mail.example.com/INBOX"}]' })).toThrow(/IMAP_MAILBOXES\[0\]: the url needs a user and a password .*, or an oauth2 client/);
    expect(() => loadConfig({ ...valid, IMAP_MAILBOXES: 'not json' })).toThrow(/IMAP_MAILBOXES/);
    expect(() => loadConfig({ ...valid, MAIL_SUPPORT_ADDRESS: 'support+x@example.com' })).toThrow(/MAIL_SUPPORT_ADDRESS/);
  });

  it('reads a mailbox that logs in with OAuth2, and refuses one that would leak its secret or is half set', () => {
    const m365 = { tokenUrl: 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token', clientId: 'app-id', clientSecret: 'app-secret', scope: 'https://outlook.office365.com/.default' };
    const mailbox = (oauth2: unknown, url = 'imaps://support%40contoso.com@outlook.office365.com/INBOX') => ({ ...valid, IMAP_MAILBOXES: JSON.stringify([{ name: 'm365', url, oauth2 }]) });
    expect(loadConfig(mailbox(m365)).mail.mailboxes[0].oauth2).toEqual({ ...m365, refreshToken: null });
    const gmail = { tokenUrl: 'https://oauth2.googleapis.com/token', clientId: 'c.apps.googleusercontent.com', clientSecret: 's', refreshToken: '1//refresh' };
    expect(loadConfig(mailbox(gmail)).mail.mailboxes[0].oauth2).toEqual({ ...gmail, scope: null });
    // A local identity provider may be plain http, on loopback only.
    expect(loadConfig(mailbox({ tokenUrl: 'http://127.0.0.1:8080/token', clientId: 'c' })).mail.mailboxes[0].oauth2?.tokenUrl).toBe('http://127.0.0.1:8080/token');

    expect(() => loadConfig(mailbox({ ...m365, tokenUrl: 'http://login.example.com/token' }))).toThrow(/IMAP_MAILBOXES\[0\]\.oauth2\.tokenUrl: the token URL must be https \(http only on a loopback address\)/);
    expect(() => loadConfig(mailbox({ ...m365, clientId: undefined }))).toThrow(/IMAP_MAILBOXES\[0\]\.oauth2\.clientId is required/);
    expect(() => loadConfig(mailbox({ ...m365, clientSecret: 'two\nlines' }))).toThrow(/oauth2\.clientSecret must be text of 1-2000 characters on one line/);
    expect(() => loadConfig(mailbox({ ...m365, password: 'x' }))).toThrow(/oauth2 has unknown fields: password/);
    expect(() => loadConfig(mailbox('yes'))).toThrow(/oauth2 must be an object/);
    expect(() => loadConfig(mailbox(m365, 'imaps://u:pw@outlook.office365.com/INBOX'))).toThrow(/IMAP_MAILBOXES\[0\]: a password in the URL and an OAuth2 client: use one way to log in/);
  });

  it("reads a mailbox's own address and the name its emails show, and refuses one that could not be a reply address's base", () => {
    const boxes = (...entries: object[]) => ({ ...valid, IMAP_MAILBOXES: JSON.stringify(entries.map((e, i) => ({ name: `b${i}`, url: 'imap://u:p@h/INBOX', ...e }))) });
    expect(loadConfig(boxes({ address: ' Hello@Brand-B.example ', fromName: 'Brand B 客服' })).mail.mailboxes[0]).toMatchObject({ address: 'hello@brand-b.example', fromName: 'Brand B 客服' });
    expect(() => loadConfig(boxes({ address: 'hello+x@brand-b.example' }))).toThrow(/IMAP_MAILBOXES\[0\]\.address must be an email address without "\+"/);
    expect(() => loadConfig(boxes({ address: 'not an address' }))).toThrow(/IMAP_MAILBOXES\[0\]\.address/);
    expect(() => loadConfig(boxes({ address: 'a@b.example', fromName: 'Evil <x@y>' }))).toThrow(/IMAP_MAILBOXES\[0\]\.fromName must be one line/);
    expect(() => loadConfig(boxes({ address: 'a@b.example', fromName: 'Back\\slash' }))).toThrow(/IMAP_MAILBOXES\[0\]\.fromName must be one line/);
    expect(() => loadConfig(boxes({ fromName: 'Nobody' }))).toThrow(/IMAP_MAILBOXES\[0\]\.fromName needs an address/);
    expect(() => loadConfig(boxes({ address: 'same@b.example' }, { address: 'same@b.example' }))).toThrow(/MAIL_ADDRESSES and the IMAP_MAILBOXES addresses must all differ/);
  });

  it('reads MAIL_ADDRESSES, whose domains the SMTP listener then takes mail for', () => {
    const mail = loadConfig({ ...valid, MAIL_ADDRESSES: JSON.stringify([{ address: 'Help@Brand-C.example', fromName: 'Brand C', team: 'C Team' }, { address: 'sales@firsthand.local' }]) }).mail;
    expect(mail.addresses).toEqual([{ address: 'help@brand-c.example', fromName: 'Brand C', team: { name: 'C Team' } }, { address: 'sales@firsthand.local', fromName: null, team: null }]);
    expect(mail.acceptedDomains).toEqual(['firsthand.local', 'brand-c.example']);
    // Set by hand, the domains are as given.
    expect(loadConfig({ ...valid, INBOUND_SMTP_DOMAINS: 'firsthand.local', MAIL_ADDRESSES: '[{"address":"help@brand-c.example"}]' }).mail.acceptedDomains).toEqual(['firsthand.local']);
    expect(() => loadConfig({ ...valid, MAIL_ADDRESSES: '[{"fromName":"x"}]' })).toThrow(/MAIL_ADDRESSES\[0\]\.address is required/);
    expect(() => loadConfig({ ...valid, MAIL_ADDRESSES: '[{"address":"a+b@c.example"}]' })).toThrow(/MAIL_ADDRESSES\[0\]\.address must be an email address without/);
    expect(() => loadConfig({ ...valid, MAIL_ADDRESSES: '[{"address":"support@firsthand.local"}]' })).toThrow(/must all differ/);
    expect(() => loadConfig({ ...valid, MAIL_ADDRESSES: '[{"address":"a@c.example","owner":"x"}]' })).toThrow(/MAIL_ADDRESSES\[0\] has unknown fields: owner/);
    expect(() => loadConfig({ ...valid, MAIL_ADDRESSES: '{}' })).toThrow(/MAIL_ADDRESSES must be a JSON array/);
  });

  it("names a mail route's team by its id or by its name, not both, and lists the routes for the worker and the API", () => {
    const id = '5B1E0C52-8F0E-4C7A-9D43-2F6A1C3E9B10';
    const mail = loadConfig({
      ...valid,
      MAIL_ADDRESSES: JSON.stringify([{ address: 'help@brand-c.example', teamId: ` ${id} ` }, { address: 'sales@brand-c.example', team: ' Sales ' }, { address: 'info@brand-c.example' }]),
      IMAP_MAILBOXES: JSON.stringify([{ name: 'refunds', url: 'imap://u:p@h/INBOX', teamId: id }, { name: 'cn', url: 'imap://u:p@h/INBOX', team: 'China' }]),
    }).mail;
    expect(mailTeamRoutes(mail)).toEqual([
      { setting: 'MAIL_ADDRESSES', entry: 'help@brand-c.example', team: { id: id.toLowerCase() } },
      { setting: 'MAIL_ADDRESSES', entry: 'sales@brand-c.example', team: { name: 'Sales' } },
      { setting: 'IMAP_MAILBOXES', entry: 'refunds', team: { id: id.toLowerCase() } },
      { setting: 'IMAP_MAILBOXES', entry: 'cn', team: { name: 'China' } },
    ]);
    const address = (entry: object) => ({ ...valid, MAIL_ADDRESSES: JSON.stringify([{ address: 'help@brand-c.example', ...entry }]) });
    expect(() => loadConfig(address({ team: 'Sales', teamId: id }))).toThrow(/MAIL_ADDRESSES\[0\] names its team twice: give "teamId" \(the team's id\) or "team" \(its name\), not both/);
    expect(() => loadConfig(address({ teamId: 'Sales' }))).toThrow(/MAIL_ADDRESSES\[0\]\.teamId must be a team's id \(a UUID; the Teams page shows each team's\)/);
    expect(() => loadConfig(address({ team: '  ' }))).toThrow(/MAIL_ADDRESSES\[0\]\.team must be a team's name/);
    expect(() => loadConfig({ ...valid, IMAP_MAILBOXES: JSON.stringify([{ name: 'b', url: 'imap://u:p@h/INBOX', teamId: 42 }]) })).toThrow(/IMAP_MAILBOXES\[0\]\.teamId must be a team's id/);
  });

  it('a worker runs every role unless WORKER_ROLES names some', () => {
    expect([...loadConfig(valid).worker.roles]).toEqual(['relays', 'events', 'timers', 'deliveries', 'mail', 'maintenance']);
    expect([...loadConfig({ ...valid, WORKER_ROLES: 'all' }).worker.roles]).toHaveLength(6);
    expect([...loadConfig({ ...valid, WORKER_ROLES: ' Deliveries , mail ' }).worker.roles]).toEqual(['deliveries', 'mail']);
    expect(() => loadConfig({ ...valid, WORKER_ROLES: 'deliveries,sending' })).toThrow(/WORKER_ROLES must be "all" or a comma-separated list of relays, events, timers, deliveries, mail, maintenance \(unknown: sending\)/);
    expect(() => loadConfig({ ...valid, WORKER_ROLES: ' , ' })).toThrow(/WORKER_ROLES must be/);
  });

  it('reads the mail relay\'s OAuth2 client (SMTP_OAUTH2), which logs in as SMTP_URL\'s user', () => {
    const client = { tokenUrl: 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token', clientId: 'app-id', clientSecret: 'app-secret', scope: 'https://outlook.office365.com/.default' };
    const relay = 'smtp://support%40contoso.com@smtp.office365.com:587';
    expect(loadConfig({ ...valid, SMTP_URL: relay, SMTP_OAUTH2: JSON.stringify(client) }).notifications.smtpOAuth2).toEqual({ ...client, refreshToken: null });
    expect(loadConfig({ ...valid, SMTP_URL: relay }).notifications.smtpOAuth2).toBeNull();

    expect(() => loadConfig({ ...valid, SMTP_OAUTH2: JSON.stringify(client) })).toThrow(/SMTP_OAUTH2 needs SMTP_URL/);
    expect(() => loadConfig({ ...valid, SMTP_URL: 'smtp://smtp.office365.com:587', SMTP_OAUTH2: JSON.stringify(client) })).toThrow(/SMTP_OAUTH2: the URL must name the user the OAuth2 tokens log in as/);
    expect(() => loadConfig({ ...valid, SMTP_URL: 'smtp://u:pw@smtp.office365.com:587', SMTP_OAUTH2: JSON.stringify(client) })).toThrow(/SMTP_OAUTH2: a password in the URL and an OAuth2 client/);
    expect(() => loadConfig({ ...valid, SMTP_URL: relay, SMTP_OAUTH2: JSON.stringify({ ...client, tokenUrl: 'http://login.example.com/token' }) })).toThrow(/SMTP_OAUTH2\.tokenUrl: the token URL must be https/);
    expect(() => loadConfig({ ...valid, SMTP_URL: relay, SMTP_OAUTH2: '{not json' })).toThrow(/SMTP_OAUTH2 must be a JSON object/);
  });

  it('attachments: local directory and limits, with defaults, checked against each other', () => {
    expect(loadConfig(valid).attachments).toEqual({
      dir: '.data/attachments', maxFileBytes: 10 * 1024 * 1024, maxFilesPerMessage: 10, maxMessageBytes: 25 * 1024 * 1024, maxTicketBytes: 100 * 1024 * 1024, uploadsPerMinute: 30,
      maxPendingUploads: 50, maxPendingBytes: 250 * 1024 * 1024, writtenAtOnceMaxBytes: 64 * 1024,
    });
    // A network file system wants every file through the thread pool: 0 is allowed, a negative size is not.
    expect(loadConfig({ ...valid, FIRSTHAND_ATTACHMENTS_WRITTEN_AT_ONCE_MAX_BYTES: '0' }).attachments.writtenAtOnceMaxBytes).toBe(0);
    expect(() => loadConfig({ ...valid, FIRSTHAND_ATTACHMENTS_WRITTEN_AT_ONCE_MAX_BYTES: '-1' })).toThrow(/FIRSTHAND_ATTACHMENTS_WRITTEN_AT_ONCE_MAX_BYTES/);
    // One message's files must be able to wait for it: the defaults grow with the message limits; a setting below them is refused.
    expect(loadConfig({ ...valid, FIRSTHAND_ATTACHMENT_MAX_FILES_PER_MESSAGE: '80', FIRSTHAND_ATTACHMENT_MAX_MESSAGE_BYTES: String(300 * 1024 * 1024), FIRSTHAND_ATTACHMENT_MAX_TICKET_BYTES: String(400 * 1024 * 1024) }).attachments)
      .toMatchObject({ maxPendingUploads: 80, maxPendingBytes: 300 * 1024 * 1024 });
    expect(() => loadConfig({ ...valid, FIRSTHAND_ATTACHMENT_MAX_PENDING_UPLOADS: '5' })).toThrow(/FIRSTHAND_ATTACHMENT_MAX_PENDING_UPLOADS must be at least FIRSTHAND_ATTACHMENT_MAX_FILES_PER_MESSAGE/);
    expect(() => loadConfig({ ...valid, FIRSTHAND_ATTACHMENT_MAX_PENDING_BYTES: String(1024 * 1024) })).toThrow(/FIRSTHAND_ATTACHMENT_MAX_PENDING_BYTES must be at least FIRSTHAND_ATTACHMENT_MAX_MESSAGE_BYTES/);
    expect(loadConfig({ ...valid, FIRSTHAND_ATTACHMENTS_DIR: '/srv/files', FIRSTHAND_ATTACHMENT_MAX_FILES_PER_MESSAGE: '3' }).attachments).toMatchObject({ dir: '/srv/files', maxFilesPerMessage: 3 });
    expect(() => loadConfig({ ...valid, FIRSTHAND_ATTACHMENT_MAX_FILE_BYTES: String(30 * 1024 * 1024) })).toThrow(/FIRSTHAND_ATTACHMENT_MAX_MESSAGE_BYTES/);
    expect(() => loadConfig({ ...valid, FIRSTHAND_ATTACHMENT_MAX_FILES_PER_MESSAGE: '0' })).toThrow(/FIRSTHAND_ATTACHMENT_MAX_FILES_PER_MESSAGE/);
  });

  it('the language model is off without a base URL; a base URL turns it on, without a trailing slash', () => {
    expect(loadConfig(valid).languageModel).toMatchObject({ baseUrl: null, apiKey: null, timeoutMs: 15_000, draftIncludesInternalNotes: false, callLogRetentionDays: 30 });
    expect(loadConfig({ ...valid, FIRSTHAND_LLM_BASE_URL: 'http://127.0.0.1:11434/v1/', FIRSTHAND_LLM_MODEL: 'qwen2.5', FIRSTHAND_LLM_TIMEOUT_MS: '5000' }).languageModel).toMatchObject({
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'qwen2.5',
      timeoutMs: 5000,
    });
    expect(() => loadConfig({ ...valid, FIRSTHAND_LLM_BASE_URL: 'ftp://models.example' })).toThrow(/FIRSTHAND_LLM_BASE_URL/);
    expect(() => loadConfig({ ...valid, FIRSTHAND_LLM_TIMEOUT_MS: '10' })).toThrow(/FIRSTHAND_LLM_TIMEOUT_MS/);
  });
});
