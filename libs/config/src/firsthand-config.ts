import { availableParallelism } from 'node:os';
import { teamReferenceOf, type MailTeamRoute, type TeamNamedBySetting, type TeamReference } from '@firsthand/domain';
import { checkTokenUrl } from '@firsthand/oauth2-client';
import { ConfigError } from './config-error.js';
import { EnvReader } from './env-reader.js';
import { limitSettings, trustedProxies, type LimitSettings } from './limit-settings.js';
import { oidcSettings, passwordLoginSettings, type OidcSettings, type PasswordLoginSettings } from './sign-in-settings.js';

export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

export interface FirsthandConfig {
  environment: 'development' | 'test' | 'production';
  logLevel: (typeof LOG_LEVELS)[number];
  databaseUrl: string;
  databasePoolSize: number;
  /** Connections per API process for the search's first page (prepared on generic plans: SearchConnections). */
  databaseSearchPoolSize: number;
  redisUrl: string;
  /** Namespace of the queues and the worker's keys in Redis: deployments (or test runs) sharing one Redis keep apart. */
  queuePrefix: string;
  /** Root secret; JWT signing and tracking-token derivation use keys derived from it. */
  secret: string;
  accessTokenTtlSeconds: number;
  /** bcrypt cost; 4 is for throw-away test databases only. */
  passwordHashCost: number;
  api: { host: string; port: number; runMigrations: boolean; seedDemo: boolean; bodyLimitBytes: number; metricsToken: string | null };
  /** allowedOrigins: browser origins that may open sockets; requests without an Origin (non-browser clients) are allowed. */
  gateway: { host: string; port: number; allowedOrigins: string[]; clientEventsPer10s: number; accessRecheckSeconds: number };
  /** liveRelayGraceMs: how long an unpublished live event waits for its API before the relay sends it. */
  worker: {
    autoCloseEverySeconds: number;
    liveRelayGraceMs: number;
    /** Jobs one worker process runs at once, per queue. */
    concurrency: number;
    /** How often each worker re-checks SLA thresholds, stuck notifications and lost timers in PostgreSQL. */
    sweepEverySeconds: number;
    /** BullMQ's stalled-job check: a job whose worker died is handed to another after this long. */
    stalledIntervalMs: number;
    /** Port of the worker's Prometheus endpoint; 0 picks a free one, unset turns it off. */
    metricsPort: number | null;
    metricsHost: string;
    /** What this worker process runs (WORKER_ROLES); every role must run in at least one process of a deployment. */
    roles: ReadonlySet<WorkerRole>;
  };
  notifications: NotificationSettings;
  mail: MailSettings;
  bootstrapAdmin: { email: string; password: string } | null;
  windows: { reopenDays: number; repeatContactDays: number };
  /** Whether the resolution clock stops while a ticket waits for the customer (issue 14). */
  sla: { pauseWhileWaitingForCustomer: boolean };
  /** IANA zone whose calendar days and ISO weeks the supervisor metrics count in. */
  metricsTimeZone: string;
  publicBaseUrl: string;
  /** The browser app: its build folder (null: dist/web of this checkout) and the gateway URL pages connect to (null: the page's host on GATEWAY_PORT). */
  web: { distDir: string | null; publicGatewayUrl: string | null };
  attachments: AttachmentSettings;
  /** Customer data rights: where exports are written, how long they stay, how fast an erasure goes. */
  dataRights: DataRightsSettings;
  /** Request limits (per address, account, ticket) and the proxies whose forwarded headers are believed. */
  limits: LimitSettings;
  trustedProxies: string[];
  /** JSON request bodies nesting objects and arrays deeper than this are refused (400) before they are parsed. */
  apiJsonMaxDepth: number;
  /** The optional language model (issue 16): null base URL turns drafting and summaries off. */
  languageModel: LanguageModelSettings;
  /** The bot for standard questions (issue 16): on/off, how sure a match must be (0..1), how long a person waits behind it. */
  bot: { enabled: boolean; minConfidence: number; holdMinutes: number };
  /** OpenID Connect sign-in (null: not configured) and whether passwords still sign agents in (issue 15). */
  oidc: OidcSettings | null;
  passwordLogin: PasswordLoginSettings;
  /** Audit entries older than this many days are deleted by the worker's retention task (issue 15). */
  audit: { retentionDays: number };
  /** TOTP second factor: roles that must enrol before doing anything else, and the issuer name authenticator apps show. */
  twoFactor: { requiredFor: Array<'agent' | 'senior' | 'supervisor' | 'admin'>; issuer: string };
}

/** An OpenAI-compatible Chat Completions endpoint for agents' drafts and handoff summaries. */
export interface LanguageModelSettings {
  /** e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1; null: the feature is off. */
  baseUrl: string | null;
  apiKey: string | null;
  model: string;
  timeoutMs: number;
  /** Prompts longer than this are cut (oldest messages first) before they are sent. */
  maxPromptChars: number;
  /** An answer body larger than this is refused as garbage. */
  maxAnswerBytes: number;
  /** Whether a drafted (customer-facing) reply may see internal notes; summaries for agents always do. */
  draftIncludesInternalNotes: boolean;
  /** Calls one agent may make in an hour. */
  callsPerAgentPerHour: number;
  /** Logged calls (with their prompts, which hold customer text) are deleted after this many days. */
  callLogRetentionDays: number;
}

export interface AttachmentSettings {
  /** Root of the local file storage (content addressed by SHA-256). */
  dir: string;
  /** Files up to this size are written with synchronous calls (0: every file through the thread pool, as a network file system wants). */
  writtenAtOnceMaxBytes: number;
  maxFileBytes: number;
  maxFilesPerMessage: number;
  maxMessageBytes: number;
  maxTicketBytes: number;
  /** Uploads one client address may make a minute (the upload route is public). */
  uploadsPerMinute: number;
  /** Uploads of one client waiting to be attached (they are swept after 24 hours), in count and in bytes. */
  maxPendingUploads: number;
  maxPendingBytes: number;
}

export interface NotificationSettings {
  /** smtp:// or smtps:// URL of the mail relay; null: email is not sent (recorded as suppressed). */
  smtpUrl: string | null;
  /** Connections each worker keeps open to the relay (nodemailer's pool); a relay may cap them per client. */
  smtpMaxConnections: number;
  /** Log in to the relay with OAuth2 tokens from this client (XOAUTH2; Microsoft 365, Gmail) as the URL's user; null: the URL's password, if any. */
  smtpOAuth2: OAuth2ClientConfig | null;
  emailFrom: string;
  /** HTTP SMS gateway; null: SMS is not sent. */
  smsGatewayUrl: string | null;
  smsGatewayKey: string | null;
  /** Costly sends are capped per customer (OWASP API4): more SMS than this in an hour are suppressed. */
  smsPerCustomerPerHour: number;
  /** SMS pumping budgets (issue 13): per number, per country prefix and in all, per hour; the shared two bind customers no agent has taken on yet. */
  smsPerNumberPerHour: number;
  smsPerCountryPerHour: number;
  smsPerHour: number;
  /** Country calling codes SMS may go to ("+86"); any other number is refused. */
  smsAllowedPrefixes: string[];
  /** The country code of numbers written without one. */
  smsHomePrefix: string;
  /** Webhook targets on private, loopback or link-local addresses are refused unless this is set (SSRF). */
  webhookAllowPrivateTargets: boolean;
  /** Non-public ranges trusted as webhook targets anyway (`10.20.0.0/16`, `127.0.0.1/32`); everything else non-public stays refused. */
  webhookAllowedCidrs: string[];
  /** Attempts before a notification is dead-lettered as failed. */
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long one attempt may take before another worker may take the send over. */
  sendTimeoutMs: number;
  /** Zone in which times are written in customer messages ("next update by 15:00"). */
  timeZone: string;
  /** npm start registers this webhook endpoint in the demo data (the local notifications inbox), signed with this secret. */
  demoWebhookUrl: string | null;
  demoWebhookSecret: string | null;
}

/** Email as a channel in: where mail arrives, what is ours, and the limits on what comes in. */
export interface MailSettings {
  /** The address customers write to; each ticket's reply address is it plus-addressed with the code. */
  supportAddress: string;
  /** More addresses of ours (no-reply senders, other brands): mail from them is never taken in. */
  ownAddresses: string[];
  /** The inbound SMTP listener (an MX delivering straight to Firsthand); null: off. */
  inboundSmtp: { host: string; port: number } | null;
  /** Recipients the listener accepts mail for: these domains (default: the support address's). */
  acceptedDomains: string[];
  /** IMAP mailboxes to take mail from, one per team or brand. */
  mailboxes: MailboxSettings[];
  /**
   * More addresses customers write to that reach the inbound SMTP listener (MAIL_ADDRESSES): a
   * brand's or a team's. Their tickets are answered from them, as a mailbox with its own address.
   */
  addresses: MailAddressSettings[];
  maxBytes: number;
  maxRecipients: number;
  maxFiles: number;
  /**
   * The most an email to a customer may carry in files, as sent (base64 makes a file a third
   * larger): relays refuse bigger mails for good (Postfix's default is about 10 MB), and with them
   * the reply's text. Files past it stay a link away on the tracking page.
   */
  maxOutboundFileBytes: number;
  /** More mails than this from one sender in an hour are quarantined, not ticketed (loops, floods). */
  perSenderPerHour: number;
  /** A held mail's original (kept for a supervisor to take in) is deleted after this many days if nobody took it in. */
  heldKeepDays: number;
}

export interface MailAddressSettings {
  address: string;
  /** The name its emails show; null: the address alone. */
  fromName: string | null;
  /** The team its new tickets go to, by id or by name; null: the default team. */
  team: TeamReference | null;
}

export interface MailboxSettings {
  name: string;
  /** imap://user:pass@host:port/INBOX or imaps://… */
  url: string;
  /** The team its new tickets go to, by id or by name; null: the default team. */
  team: TeamReference | null;
  /**
   * The address customers write to for this mailbox (a brand's or a team's own), when not the
   * support address: its tickets' emails go out from it, with its plus-addressed reply address.
   */
  address: string | null;
  /** The name those emails show with that address (`Brand B Support`); null: the address alone. */
  fromName: string | null;
  takenFolder: string;
  quarantineFolder: string;
  pollEverySeconds: number;
  /** A claim left this long unchanged (its worker died mid-mail) is released for another try. */
  claimExpirySeconds: number;
  /** Mails of one mailbox handed to the intake at once (unrelated ones only). */
  concurrency: number;
  /** Log in with OAuth2 tokens from this client (Microsoft 365, Gmail) instead of the URL's password; null: the password. */
  oauth2: OAuth2ClientConfig | null;
}

/** An OAuth2 client a mailbox or the mail relay logs in with: the refresh_token grant when `refreshToken` is set, else client_credentials. */
export interface OAuth2ClientConfig {
  tokenUrl: string;
  clientId: string;
  clientSecret: string | null;
  refreshToken: string | null;
  scope: string | null;
}

/**
 * First-page searches one API process runs at once (DATABASE_SEARCH_POOL_SIZE unset): the machine's
 * cores, at most 4. A search is CPU work in PostgreSQL: more of them at once than the cores only
 * time-slices them, and the heaviest then take several times their own time (docs/search.md,
 * "Searches at once").
 */
export function defaultSearchPoolSize(): number {
  return Math.min(4, availableParallelism());
}

/** The one place that reads process.env: everything else receives this typed object. */
export function loadConfig(env: Record<string, string | undefined> = process.env): FirsthandConfig {
  const read = new EnvReader(env);
  const environment = read.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const secret = read.string('FIRSTHAND_SECRET');
  if (secret && secret.length < 32) read.problems.push('FIRSTHAND_SECRET must be at least 32 characters');
  const adminEmail = read.optionalString('FIRSTHAND_ADMIN_EMAIL');
  const adminPassword = read.optionalString('FIRSTHAND_ADMIN_PASSWORD');
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    read.problems.push('FIRSTHAND_ADMIN_EMAIL and FIRSTHAND_ADMIN_PASSWORD must be set together');
  }
  // FIRSTHAND_ADMIN_PASSWORD must pass the agents' password rule: the API checks it at start (BootstrapAdmin), where the guessing estimate lives.
  const apiPort = read.int('API_PORT', 3000, 0, 65535);
  const config: FirsthandConfig = {
    environment,
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'log'),
    databaseUrl: read.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolSize: read.int('DATABASE_POOL_SIZE', 10, 1, 200),
    databaseSearchPoolSize: read.int('DATABASE_SEARCH_POOL_SIZE', defaultSearchPoolSize(), 1, 100),
    redisUrl: read.url('REDIS_URL', ['redis:', 'rediss:']),
    queuePrefix: queuePrefix(read),
    secret,
    accessTokenTtlSeconds: read.int('ACCESS_TOKEN_TTL_SECONDS', 12 * 3600, 60, 30 * 86400),
    passwordHashCost: read.int('PASSWORD_HASH_COST', 11, 4, 15),
    api: {
      host: read.string('API_HOST', '127.0.0.1'),
      port: apiPort,
      runMigrations: read.bool('FIRSTHAND_RUN_MIGRATIONS', true),
      seedDemo: read.bool('FIRSTHAND_SEED_DEMO', false),
      bodyLimitBytes: read.int('API_BODY_LIMIT_BYTES', 256 * 1024, 1024, 50 * 1024 * 1024),
      metricsToken: read.optionalString('METRICS_BEARER_TOKEN') ?? null,
    },
    gateway: {
      host: read.string('GATEWAY_HOST', '127.0.0.1'),
      port: read.int('GATEWAY_PORT', 3001, 0, 65535),
      allowedOrigins: (read.optionalString('GATEWAY_ALLOWED_ORIGINS') ?? `http://localhost:${apiPort || 3000},http://127.0.0.1:${apiPort || 3000}`)
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      clientEventsPer10s: read.int('GATEWAY_CLIENT_EVENTS_PER_10S', 50, 1, 10_000),
      accessRecheckSeconds: read.int('GATEWAY_ACCESS_RECHECK_SECONDS', 60, 5, 3600),
    },
    worker: {
      autoCloseEverySeconds: read.int('WORKER_AUTO_CLOSE_EVERY_SECONDS', 60, 1, 86400),
      liveRelayGraceMs: read.int('LIVE_RELAY_GRACE_MS', 2000, 100, 600_000),
      concurrency: read.int('WORKER_CONCURRENCY', 8, 1, 256),
      sweepEverySeconds: read.int('WORKER_SWEEP_EVERY_SECONDS', 60, 1, 3600),
      stalledIntervalMs: read.int('WORKER_STALLED_INTERVAL_MS', 30_000, 500, 600_000),
      metricsPort: read.optionalString('WORKER_METRICS_PORT') === undefined ? null : read.int('WORKER_METRICS_PORT', 0, 0, 65535),
      metricsHost: read.string('WORKER_METRICS_HOST', '127.0.0.1'),
      roles: workerRoles(read),
    },
    notifications: {
      smtpUrl: optionalUrl(read, 'SMTP_URL', ['smtp:', 'smtps:']),
      smtpMaxConnections: read.int('SMTP_MAX_CONNECTIONS', 2, 1, 50),
      smtpOAuth2: smtpOAuth2(read),
      emailFrom: read.string('NOTIFY_EMAIL_FROM', 'Firsthand Support <support@firsthand.local>'),
      smsGatewayUrl: optionalUrl(read, 'SMS_GATEWAY_URL', ['http:', 'https:']),
      smsGatewayKey: read.optionalString('SMS_GATEWAY_KEY') ?? null,
      smsPerCustomerPerHour: read.int('SMS_PER_CUSTOMER_PER_HOUR', 10, 0, 1000),
      smsPerNumberPerHour: read.int('SMS_PER_NUMBER_PER_HOUR', 10, 0, 1000),
      smsPerCountryPerHour: read.int('SMS_PER_COUNTRY_PER_HOUR', 100, 0, 1_000_000),
      smsPerHour: read.int('SMS_PER_HOUR', 300, 0, 1_000_000),
      smsAllowedPrefixes: countryPrefixes(read, 'SMS_ALLOWED_PREFIXES', '+86,+852,+853,+886'),
      smsHomePrefix: countryPrefixes(read, 'SMS_HOME_PREFIX', '+86')[0] ?? '+86',
      webhookAllowPrivateTargets: read.bool('WEBHOOK_ALLOW_PRIVATE_TARGETS', false),
      webhookAllowedCidrs: ipRanges(read, 'WEBHOOK_ALLOWED_CIDRS'),
      maxAttempts: read.int('NOTIFY_MAX_ATTEMPTS', 8, 1, 50),
      retryBaseMs: read.int('NOTIFY_RETRY_BASE_MS', 5_000, 10, 3_600_000),
      retryMaxMs: read.int('NOTIFY_RETRY_MAX_MS', 30 * 60_000, 10, 86_400_000),
      sendTimeoutMs: read.int('NOTIFY_SEND_TIMEOUT_MS', 20_000, 100, 600_000),
      timeZone: timeZone(read, 'NOTIFY_TIME_ZONE', read.optionalString('FIRSTHAND_METRICS_TIME_ZONE') ?? 'Asia/Shanghai'),
      demoWebhookUrl: optionalUrl(read, 'FIRSTHAND_DEMO_WEBHOOK_URL', ['http:', 'https:']),
      demoWebhookSecret: read.optionalString('FIRSTHAND_DEMO_WEBHOOK_SECRET') ?? null,
    },
    mail: mailSettings(read),
    bootstrapAdmin: adminEmail && adminPassword ? { email: adminEmail.toLowerCase(), password: adminPassword } : null,
    windows: {
      reopenDays: read.int('FIRSTHAND_REOPEN_WINDOW_DAYS', 7, 1, 365),
      repeatContactDays: read.int('FIRSTHAND_REPEAT_CONTACT_WINDOW_DAYS', 7, 0, 365),
    },
    sla: { pauseWhileWaitingForCustomer: read.bool('FIRSTHAND_SLA_PAUSE_WHILE_WAITING', true) },
    metricsTimeZone: timeZone(read, 'FIRSTHAND_METRICS_TIME_ZONE', 'Asia/Shanghai'),
    publicBaseUrl: read.url('PUBLIC_BASE_URL', ['http:', 'https:'], `http://localhost:${apiPort || 3000}`),
    web: {
      distDir: read.optionalString('FIRSTHAND_WEB_DIR') ?? null,
      publicGatewayUrl: read.optionalString('PUBLIC_GATEWAY_URL') ? read.url('PUBLIC_GATEWAY_URL', ['http:', 'https:']).replace(/\/+$/, '') : null,
    },
    attachments: attachmentSettings(read),
    dataRights: dataRightsSettings(read),
    limits: limitSettings(read, read.int('FIRSTHAND_ATTACHMENT_UPLOADS_PER_MINUTE', 30, 1, 100_000)),
    trustedProxies: trustedProxies(read),
    apiJsonMaxDepth: read.int('API_JSON_MAX_DEPTH', 32, 2, 1000),
    languageModel: languageModelSettings(read),
    bot: {
      enabled: read.bool('FIRSTHAND_BOT_ENABLED', true),
      // Percent in the environment (an integer is harder to mistype than a fraction); 0..1 inside.
      minConfidence: read.int('FIRSTHAND_BOT_MIN_CONFIDENCE_PERCENT', 70, 1, 100) / 100,
      holdMinutes: read.int('FIRSTHAND_BOT_HOLD_MINUTES', 10, 1, 1440),
    },
    oidc: null,
    passwordLogin: { enabled: true, breakGlassEmail: null },
    audit: { retentionDays: read.int('FIRSTHAND_AUDIT_RETENTION_DAYS', 365, 1, 36_500) },
    twoFactor: { requiredFor: rolesRequiringTwoFactor(read), issuer: read.string('FIRSTHAND_2FA_ISSUER', 'Firsthand') },
  };
  config.oidc = oidcSettings(read, config.publicBaseUrl);
  config.passwordLogin = passwordLoginSettings(read, config.oidc);
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

const MB = 1024 * 1024;

function attachmentSettings(read: EnvReader): AttachmentSettings {
  const message = {
    dir: read.string('FIRSTHAND_ATTACHMENTS_DIR', '.data/attachments'),
    writtenAtOnceMaxBytes: read.int('FIRSTHAND_ATTACHMENTS_WRITTEN_AT_ONCE_MAX_BYTES', 64 * 1024, 0, MB),
    maxFileBytes: read.int('FIRSTHAND_ATTACHMENT_MAX_FILE_BYTES', 10 * MB, 1, 1024 * MB),
    maxFilesPerMessage: read.int('FIRSTHAND_ATTACHMENT_MAX_FILES_PER_MESSAGE', 10, 1, 100),
    maxMessageBytes: read.int('FIRSTHAND_ATTACHMENT_MAX_MESSAGE_BYTES', 25 * MB, 1, 4096 * MB),
    maxTicketBytes: read.int('FIRSTHAND_ATTACHMENT_MAX_TICKET_BYTES', 100 * MB, 1, 65536 * MB),
    uploadsPerMinute: read.int('FIRSTHAND_ATTACHMENT_UPLOADS_PER_MINUTE', 30, 1, 100_000),
  };
  const settings = {
    ...message,
    // By default at least one message's files can wait for it, whatever the message limits were set to.
    maxPendingUploads: read.int('FIRSTHAND_ATTACHMENT_MAX_PENDING_UPLOADS', Math.max(50, message.maxFilesPerMessage), 1, 100_000),
    maxPendingBytes: read.int('FIRSTHAND_ATTACHMENT_MAX_PENDING_BYTES', Math.max(250 * MB, message.maxMessageBytes), 1, 65536 * MB),
  };
  if (settings.maxMessageBytes < settings.maxFileBytes) read.problems.push('FIRSTHAND_ATTACHMENT_MAX_MESSAGE_BYTES must be at least FIRSTHAND_ATTACHMENT_MAX_FILE_BYTES');
  if (settings.maxTicketBytes < settings.maxMessageBytes) read.problems.push('FIRSTHAND_ATTACHMENT_MAX_TICKET_BYTES must be at least FIRSTHAND_ATTACHMENT_MAX_MESSAGE_BYTES');
  if (settings.maxPendingBytes < settings.maxMessageBytes) read.problems.push('FIRSTHAND_ATTACHMENT_MAX_PENDING_BYTES must be at least FIRSTHAND_ATTACHMENT_MAX_MESSAGE_BYTES: one message\'s files must fit');
  if (settings.maxPendingUploads < settings.maxFilesPerMessage) read.problems.push('FIRSTHAND_ATTACHMENT_MAX_PENDING_UPLOADS must be at least FIRSTHAND_ATTACHMENT_MAX_FILES_PER_MESSAGE: one message\'s files must fit');
  return settings;
}

function queuePrefix(read: EnvReader): string {
  const value = read.optionalString('QUEUE_PREFIX') ?? 'firsthand';
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(value)) read.problems.push(`QUEUE_PREFIX must be 1-40 letters, digits, _ or -, got "${value}"`);
  return value;
}

function mailSettings(read: EnvReader): MailSettings {
  const from = read.string('NOTIFY_EMAIL_FROM', 'Firsthand Support <support@firsthand.local>');
  const supportAddress = (read.optionalString('MAIL_SUPPORT_ADDRESS') ?? /<([^>]+)>/.exec(from)?.[1] ?? from).trim().toLowerCase();
  if (!/^[^\s@+]+@[^\s@]+$/.test(supportAddress)) read.problems.push(`MAIL_SUPPORT_ADDRESS must be a plain address without "+", got "${supportAddress}"`);
  const list = (name: string) => (read.optionalString(name) ?? '').split(',').map((v) => v.trim().toLowerCase()).filter(Boolean);
  const smtpPort = read.optionalString('INBOUND_SMTP_PORT') === undefined ? null : read.int('INBOUND_SMTP_PORT', 0, 0, 65535);
  const domains = list('INBOUND_SMTP_DOMAINS');
  const addresses = mailAddresses(read);
  const found = mailboxes(read);
  const all = addressesCustomersWriteTo({ supportAddress, addresses, mailboxes: found });
  if (new Set(all).size !== all.length) read.problems.push('MAIL_SUPPORT_ADDRESS, MAIL_ADDRESSES and the IMAP_MAILBOXES addresses must all differ: a reply address must lead to one place');
  const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);
  return {
    supportAddress,
    // The address our notifications are sent from is ours too, even when it is not the support address (a no-reply@).
    ownAddresses: [...new Set([...list('MAIL_OWN_ADDRESSES'), (/<([^>]+)>/.exec(from)?.[1] ?? from).trim().toLowerCase()])],
    inboundSmtp: smtpPort === null ? null : { host: read.string('INBOUND_SMTP_HOST', '127.0.0.1'), port: smtpPort },
    // By default the listener takes mail for the domains of every address customers write to.
    acceptedDomains: domains.length > 0 ? domains : [...new Set([supportAddress, ...addresses.map((a) => a.address)].map(domainOf))],
    mailboxes: found,
    addresses,
    maxBytes: read.int('MAIL_MAX_BYTES', 25 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    maxRecipients: read.int('MAIL_MAX_RECIPIENTS', 50, 1, 1000),
    maxFiles: read.int('MAIL_MAX_FILES', 20, 0, 200),
    maxOutboundFileBytes: read.int('MAIL_MAX_OUTBOUND_FILE_BYTES', 9 * 1024 * 1024, 0, 100 * 1024 * 1024),
    perSenderPerHour: read.int('MAIL_PER_SENDER_PER_HOUR', 30, 1, 100_000),
    heldKeepDays: read.int('MAIL_HELD_KEEP_DAYS', 14, 1, 3650),
  };
}

/** Every address customers write to: the support address, MAIL_ADDRESSES and the mailboxes' own. */
export function addressesCustomersWriteTo(mail: Pick<MailSettings, 'supportAddress' | 'addresses' | 'mailboxes'>): string[] {
  return [mail.supportAddress, ...mail.addresses.map((a) => a.address), ...mail.mailboxes.flatMap((m) => (m.address ? [m.address] : []))];
}

/**
 * Every entry of MAIL_ADDRESSES and IMAP_MAILBOXES that names a team: where the worker sends their
 * new tickets, and which teams the API may not rename while they name them by name.
 */
export function mailTeamRoutes(mail: Pick<MailSettings, 'addresses' | 'mailboxes'>): MailTeamRoute[] {
  return [
    ...mail.addresses.flatMap(({ address, team }) => (team ? [{ setting: 'MAIL_ADDRESSES' as const, entry: address, team }] : [])),
    ...mail.mailboxes.flatMap(({ name, team }) => (team ? [{ setting: 'IMAP_MAILBOXES' as const, entry: name, team }] : [])),
  ];
}

/**
 * Every setting entry that names a team (the mail routes, and the team SSO newcomers join): which
 * teams the API may not rename while one of them names it by its name.
 */
export function teamsNamedInSettings(config: Pick<FirsthandConfig, 'mail' | 'oidc'>): TeamNamedBySetting[] {
  const provisioning = config.oidc?.provisioning;
  const newcomers = provisioning?.mode === 'create' && provisioning.team !== null ? [{ setting: 'FIRSTHAND_OIDC_PROVISION_TEAM', entry: provisioning.team, team: teamReferenceOf(provisioning.team) }] : [];
  return [...mailTeamRoutes(config.mail), ...newcomers];
}

/** IMAP_MAILBOXES: a JSON array of { name, url, team? or teamId?, takenFolder?, quarantineFolder?, pollEverySeconds?, claimExpirySeconds?, concurrency?, oauth2? }. */
function mailboxes(read: EnvReader): MailboxSettings[] {
  const parsed = jsonSetting(read, 'IMAP_MAILBOXES', 'IMAP_MAILBOXES must be a JSON array of { "name", "url", "team"? or "teamId"? }');
  if (parsed === undefined) return [];
  if (!Array.isArray(parsed)) {
    read.problems.push('IMAP_MAILBOXES must be a JSON array');
    return [];
  }
  const found: MailboxSettings[] = [];
  for (const [i, entry] of parsed.entries()) {
    const e = (entry ?? {}) as Record<string, unknown>;
    const name = typeof e.name === 'string' ? e.name : '';
    const url = typeof e.url === 'string' ? e.url : '';
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(name) || !/^imaps?:\/\//.test(url)) {
      read.problems.push(`IMAP_MAILBOXES[${i}] needs a "name" (1-40 letters, digits, _ or -) and an imap:// or imaps:// "url"`);
      continue;
    }
    const poll = typeof e.pollEverySeconds === 'number' && e.pollEverySeconds >= 1 && e.pollEverySeconds <= 3600 ? e.pollEverySeconds : 30;
    const whole = (key: string, fallback: number, min: number, max: number): number => {
      const value = e[key];
      if (value === undefined) return fallback;
      if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
      read.problems.push(`IMAP_MAILBOXES[${i}].${key} must be a whole number from ${min} to ${max}`);
      return fallback;
    };
    found.push({
      name, url,
      team: routedTeam(e, `IMAP_MAILBOXES[${i}]`, read.problems),
      ...addressAndName(e, `IMAP_MAILBOXES[${i}]`, read.problems),
      takenFolder: typeof e.takenFolder === 'string' ? e.takenFolder : 'Firsthand/Taken',
      quarantineFolder: typeof e.quarantineFolder === 'string' ? e.quarantineFolder : 'Firsthand/Quarantine',
      pollEverySeconds: poll,
      // Longer than a live worker ever holds a batch (25 mails), short enough that a dead worker's mails are not lost for long.
      // A live poller marks its held mails alive at least every 30 s, so two minutes unchanged means dead.
      claimExpirySeconds: whole('claimExpirySeconds', 120, 30, 86_400),
      concurrency: whole('concurrency', 64, 1, 256),
      oauth2: oauth2ClientWithUser(e.oauth2, url, `IMAP_MAILBOXES[${i}]`, read.problems),
    });
    // Without a client, the URL's password is the login: without one it would fail only at the first connection.
    if (e.oauth2 === undefined || e.oauth2 === null) {
      const login = new URL(url);
      if (!login.username || !login.password) read.problems.push(`IMAP_MAILBOXES[${i}]: the url needs a user and a password (imap://user:password@host/INBOX), or an oauth2 client`);
    }
  }
  if (new Set(found.map((m) => m.name)).size !== found.length) read.problems.push('IMAP_MAILBOXES names must be unique');
  return found;
}

/** A setting written as JSON: undefined when unset or not JSON (then `problem` is recorded). */
function jsonSetting(read: EnvReader, name: string, problem: string): unknown {
  const raw = read.optionalString(name);
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    read.problems.push(problem);
    return undefined;
  }
}

const PLAIN_ADDRESS = /^[a-z0-9._%-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/;

/** MAIL_ADDRESSES: a JSON array of { address, fromName?, team? or teamId? }. */
function mailAddresses(read: EnvReader): MailAddressSettings[] {
  const shape = 'MAIL_ADDRESSES must be a JSON array of { "address", "fromName"?, "team"? or "teamId"? }';
  const parsed = jsonSetting(read, 'MAIL_ADDRESSES', shape);
  if (parsed === undefined) return [];
  if (!Array.isArray(parsed)) {
    read.problems.push(shape);
    return [];
  }
  const found: MailAddressSettings[] = [];
  for (const [i, entry] of parsed.entries()) {
    const e = (entry ?? {}) as Record<string, unknown>;
    const where = `MAIL_ADDRESSES[${i}]`;
    const unknown = Object.keys(e).filter((k) => !['address', 'fromName', 'team', 'teamId'].includes(k));
    if (unknown.length > 0) read.problems.push(`${where} has unknown fields: ${unknown.join(', ')}`);
    if (e.address === undefined) {
      read.problems.push(`${where}.address is required`);
      continue;
    }
    const { address, fromName } = addressAndName(e, where, read.problems);
    const team = routedTeam(e, where, read.problems);
    if (address) found.push({ address, fromName, team });
  }
  return found;
}

const TEAM_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An entry's team: `teamId`, which stays right when the team is renamed, or `team`, its name in any
 * case; not both, since they could name two teams.
 */
function routedTeam(e: Record<string, unknown>, where: string, problems: string[]): TeamReference | null {
  const given = (key: string) => e[key] !== undefined && e[key] !== null;
  if (given('team') && given('teamId')) {
    problems.push(`${where} names its team twice: give "teamId" (the team's id) or "team" (its name), not both`);
    return null;
  }
  if (given('teamId')) {
    if (typeof e.teamId === 'string' && TEAM_ID.test(e.teamId.trim())) return { id: e.teamId.trim().toLowerCase() };
    problems.push(`${where}.teamId must be a team's id (a UUID; the Teams page shows each team's)`);
    return null;
  }
  if (!given('team')) return null;
  if (typeof e.team === 'string' && e.team.trim().length > 0 && e.team.length <= 100) return { name: e.team.trim() };
  problems.push(`${where}.team must be a team's name`);
  return null;
}

/** An entry's own `address` (a mailbox's, or one of MAIL_ADDRESSES; no plus: the reply addresses add one) and the `fromName` shown with it. */
function addressAndName(e: Record<string, unknown>, where: string, problems: string[]): { address: string | null; fromName: string | null } {
  let address: string | null = null;
  if (e.address !== undefined) {
    const value = typeof e.address === 'string' ? e.address.trim().toLowerCase() : '';
    if (PLAIN_ADDRESS.test(value) && value.length <= 254) address = value;
    else problems.push(`${where}.address must be an email address without "+" (the reply addresses add one), e.g. help@brand.example`);
  }
  let fromName: string | null = null;
  if (e.fromName !== undefined) {
    if (typeof e.fromName === 'string' && e.fromName.trim().length > 0 && e.fromName.length <= 100 && !/[\u0000-\u001f<>"\\]/.test(e.fromName)) fromName = e.fromName.trim();
    else problems.push(`${where}.fromName must be one line of 1-100 characters without <, >, " or \\`);
    if (!e.address) problems.push(`${where}.fromName needs an address to go with`);
  }
  return { address, fromName };
}

/** SMTP_OAUTH2: the relay's OAuth2 client, as JSON; it logs in as SMTP_URL's user, which then has no password. */
function smtpOAuth2(read: EnvReader): OAuth2ClientConfig | null {
  const parsed = jsonSetting(read, 'SMTP_OAUTH2', 'SMTP_OAUTH2 must be a JSON object { "tokenUrl", "clientId", "clientSecret"?, "refreshToken"?, "scope"? }');
  if (parsed === undefined) return null;
  const url = read.optionalString('SMTP_URL');
  if (url === undefined) {
    read.problems.push('SMTP_OAUTH2 needs SMTP_URL (smtp://user@host:port), whose user it logs in as');
    return null;
  }
  return oauth2ClientWithUser(parsed, url, 'SMTP_OAUTH2', read.problems, '');
}

/**
 * An `oauth2` client entry, checked field by field, for a URL that must name the user it logs in as
 * and carry no password; null when absent or refused (the problem is recorded). `field`: how the
 * entry is named after `where` in messages.
 */
function oauth2ClientWithUser(value: unknown, url: string, where: string, problems: string[], field = '.oauth2'): OAuth2ClientConfig | null {
  if (value === undefined || value === null) return null;
  const at = `${where}${field}`;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`${at} must be an object { "tokenUrl", "clientId", "clientSecret"?, "refreshToken"?, "scope"? }`);
    return null;
  }
  const o = value as Record<string, unknown>;
  const before = problems.length;
  const text = (key: string, max: number, required: boolean): string | null => {
    const v = o[key];
    if (v === undefined || v === null) {
      if (required) problems.push(`${at}.${key} is required`);
      return null;
    }
    if (typeof v !== 'string' || v.length === 0 || v.length > max || /[\u0000-\u001f]/.test(v)) {
      problems.push(`${at}.${key} must be text of 1-${max} characters on one line`);
      return null;
    }
    return v;
  };
  const tokenUrl = text('tokenUrl', 2000, true);
  if (tokenUrl) {
    // The rule the token source itself holds to, checked at start: the request carries the secret.
    try {
      checkTokenUrl(tokenUrl);
    } catch (error) {
      problems.push(`${at}.tokenUrl: ${(error as Error).message}`);
    }
  }
  const settings = { tokenUrl: tokenUrl ?? '', clientId: text('clientId', 500, true) ?? '', clientSecret: text('clientSecret', 2000, false), refreshToken: text('refreshToken', 8000, false), scope: text('scope', 1000, false) };
  const unknown = Object.keys(o).filter((k) => !['tokenUrl', 'clientId', 'clientSecret', 'refreshToken', 'scope'].includes(k));
  if (unknown.length > 0) problems.push(`${at} has unknown fields: ${unknown.join(', ')}`);
  try {
    const login = new URL(url);
    if (login.password) problems.push(`${where}: a password in the URL and an OAuth2 client: use one way to log in`);
    else if (!login.username) problems.push(`${where}: the URL must name the user the OAuth2 tokens log in as`);
  } catch {
    // The url itself is checked where it is read.
  }
  return problems.length === before ? settings : null;
}

/**
 * What a worker process can run, so that a deployment can give each its own processes:
 * relays: the outboxes to Redis (live events, jobs); events: the committed-event jobs (plans
 * notifications, sets SLA timers, webhooks); timers: SLA thresholds and the bot's holds, with their
 * sweeps; deliveries: sending notifications, with their sweep; mail: the IMAP pollers and the inbound
 * SMTP listener; maintenance: closing settled tickets, customer data jobs, retention, upload clean-up.
 */
export const WORKER_ROLES = ['relays', 'events', 'timers', 'deliveries', 'mail', 'maintenance'] as const;
export type WorkerRole = (typeof WORKER_ROLES)[number];

/** WORKER_ROLES: `all` (the default) or a comma-separated list of roles. */
function workerRoles(read: EnvReader): ReadonlySet<WorkerRole> {
  const raw = (read.optionalString('WORKER_ROLES') ?? 'all').trim().toLowerCase();
  if (raw === 'all') return new Set(WORKER_ROLES);
  const named = raw.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = named.filter((r) => !(WORKER_ROLES as readonly string[]).includes(r));
  if (named.length === 0 || unknown.length > 0) {
    read.problems.push(`WORKER_ROLES must be "all" or a comma-separated list of ${WORKER_ROLES.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`);
    return new Set(WORKER_ROLES);
  }
  return new Set(named as WorkerRole[]);
}

function languageModelSettings(read: EnvReader): LanguageModelSettings {
  const baseUrl = optionalUrl(read, 'FIRSTHAND_LLM_BASE_URL', ['http:', 'https:']);
  return {
    baseUrl: baseUrl === null ? null : baseUrl.replace(/\/+$/, ''),
    apiKey: read.optionalString('FIRSTHAND_LLM_API_KEY') ?? null,
    model: read.string('FIRSTHAND_LLM_MODEL', 'gpt-4o-mini'),
    timeoutMs: read.int('FIRSTHAND_LLM_TIMEOUT_MS', 15_000, 100, 300_000),
    maxPromptChars: read.int('FIRSTHAND_LLM_MAX_PROMPT_CHARS', 24_000, 1_000, 1_000_000),
    maxAnswerBytes: read.int('FIRSTHAND_LLM_MAX_ANSWER_BYTES', 256 * 1024, 1024, 10 * 1024 * 1024),
    draftIncludesInternalNotes: read.bool('FIRSTHAND_LLM_DRAFT_INCLUDES_INTERNAL_NOTES', false),
    callsPerAgentPerHour: read.int('FIRSTHAND_LLM_CALLS_PER_AGENT_PER_HOUR', 60, 1, 100_000),
    callLogRetentionDays: read.int('FIRSTHAND_LLM_CALL_LOG_RETENTION_DAYS', 30, 1, 3650),
  };
}

function optionalUrl(read: EnvReader, name: string, protocols: string[]): string | null {
  return read.optionalString(name) === undefined ? null : read.url(name, protocols);
}

/** A zone Intl knows, in its canonical spelling, so day keys never depend on how it was written. */
function timeZone(read: EnvReader, name: string, fallback: string): string {
  const value = read.optionalString(name) ?? fallback;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    read.problems.push(`${name} must be an IANA time zone such as Asia/Shanghai, got "${value}"`);
    return fallback;
  }
}

/** For process entry points: print what is wrong with the environment and exit non-zero. */
export function loadConfigOrExit(): FirsthandConfig {
  try {
    return loadConfig();
  } catch (error) {
    return exitIfConfigError(error);
  }
}

/** Prints an invalid configuration and exits 78, which `npm start` does not restart (a restart cannot mend it); rethrows anything else. */
export function exitIfConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  throw error;
}

/** A comma-separated list of country calling codes, each "+" and 1-4 digits. */
/** Comma-separated IP ranges (`10.0.0.0/8`, `::1/128`, or one address); checked fully where they are used. */
function ipRanges(read: EnvReader, name: string): string[] {
  const ranges = (read.optionalString(name) ?? '').split(',').map((r) => r.trim()).filter((r) => r.length > 0);
  const shaped = /^(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)(?:\/[0-9]{1,3})?$/;
  if (!ranges.every((r) => shaped.test(r))) read.problems.push(`${name} must be IP ranges like 10.20.0.0/16 or ::1/128, separated by commas`);
  return ranges;
}

function countryPrefixes(read: EnvReader, name: string, fallback: string): string[] {
  const prefixes = read.string(name, fallback).split(',').map((p) => p.trim()).filter((p) => p.length > 0);
  if (!prefixes.every((p) => /^\+[0-9]{1,4}$/.test(p))) read.problems.push(`${name} must be country calling codes like +86, separated by commas`);
  return prefixes;
}

export interface DataRightsSettings {
  /** Where the worker writes export archives and the API reads them; the API and the worker must share it. */
  exportsDir: string;
  /** A ready export is downloadable this long, then deleted. */
  exportKeepHours: number;
  /** Exports of one customer queued, being written or downloadable at once. */
  maxLiveExportsPerCustomer: number;
  /** A pause between an erasure's steps, to spread a big erasure's writes on a busy database. */
  erasureStepPauseMs: number;
}

function dataRightsSettings(read: EnvReader): DataRightsSettings {
  return {
    exportsDir: read.string('FIRSTHAND_EXPORTS_DIR', '.data/exports'),
    exportKeepHours: read.int('CUSTOMER_EXPORT_KEEP_HOURS', 24, 1, 720),
    maxLiveExportsPerCustomer: read.int('CUSTOMER_EXPORTS_PER_CUSTOMER', 3, 1, 100),
    erasureStepPauseMs: read.int('ERASURE_STEP_PAUSE_MS', 0, 0, 600_000),
  };
}

function rolesRequiringTwoFactor(read: EnvReader): FirsthandConfig['twoFactor']['requiredFor'] {
  const roles = ['agent', 'senior', 'supervisor', 'admin'] as const;
  const named = (read.optionalString('FIRSTHAND_REQUIRE_2FA_FOR') ?? '').split(',').map((r) => r.trim().toLowerCase()).filter(Boolean);
  const unknown = named.filter((r) => !(roles as readonly string[]).includes(r));
  if (unknown.length > 0) read.problems.push(`FIRSTHAND_REQUIRE_2FA_FOR names unknown roles: ${unknown.join(', ')} (known: ${roles.join(', ')})`);
  return roles.filter((r) => named.includes(r));
}
