import { OAuth2TokenSource, type OAuth2ClientSettings, type RefreshTokenKeeper } from '@firsthand/oauth2-client';
import { ImapFlow } from 'imapflow';
import { CLAIM_KEYWORD, canClaimConditionally, claim, mailboxRows, release, touch, uidSet } from './imap-claims.js';
import { Gate } from './gate.js';
import { inKeyOrder, mailOrderKeys, type MailOrderKeys } from './mail-order.js';
import { parseImapUrl, redactImapUrl, type ImapLocation } from './imap-url.js';
import { consoleTransportLog, type InboundMailSink, type MailEnvelope, type OversizeMail, type TransportLog } from './inbound-mail.sink.js';

export interface ImapMailboxSettings {
  /** The team's or brand's name for this mailbox; mails arrive with source `imap:<name>`. */
  name: string;
  /** imap://user:pass@host:port/INBOX, or imaps:// for TLS from the first byte; without the password when `oauth2` is given. */
  url: string;
  /** Log in with OAuth2 access tokens from this client (XOAUTH2/OAUTHBEARER) instead of the URL's password. */
  oauth2?: OAuth2ClientSettings;
  /** Where a refresh token the endpoint rotates is kept beyond this process (the worker's: PostgreSQL). */
  refreshTokens?: RefreshTokenKeeper;
  takenFolder: string;
  quarantineFolder: string;
  /** How often to look without IDLE; with IDLE, how often to look again anyway (retries, missed pushes). */
  pollEverySeconds: number;
  /**
   * A claim whose mail went this long without a change (its poller died mid-mail) is released for
   * another try. A live poller toggles a keyword on the mails it holds four times per period (at
   * most every 30 s), so a slow mail keeps its claim. Default 120.
   */
  claimExpirySeconds?: number;
  /** Mails handed to the sink at once (unrelated ones only: see mail-order.ts). Default 4. */
  concurrency?: number;
  /**
   * A mail whose size (as the server states it) is over this many bytes is not downloaded: the sink
   * records the refusal and the mail moves to the quarantine folder. Without it, every mail is fetched.
   */
  maxBytes?: number;
}

/** What a poller has done so far, for an operator's metrics; read at any time. */
export interface MailboxState {
  /** Logged in with the mailbox open now. */
  connected: boolean;
  /** When a pass over the mailbox last finished (ms since the epoch); null: none yet. */
  lastPassAt: number | null;
  /** Connection attempts that failed since the last one that worked (a refused login, a token endpoint that refuses, an unreachable server). */
  failuresInARow: number;
  lastError: string | null;
  /** Mails settled since start: recorded (taken, including ones already recorded) or moved to quarantine (refused). */
  taken: number;
  refused: number;
  /** Mails left for a later pass because the intake threw. */
  retried: number;
}

/**
 * Mails claimed and fetched at a time: a few round trips per batch instead of per mail. Between two
 * batches the intake waits (the last mails finish, the next are claimed and fetched; the moves of
 * the one before run beside the next): with 25 a batch that wait cost `bench:inbound` 8-10% of its
 * rate (109 against 118 mails/s with 100, run back to back; 250, and on 2026-12-06 200 and 400,
 * gained nothing more). A crashed worker's claims, up to two batches (one taken but not yet moved),
 * wait for their expiry; the taken ones are then found recorded.
 */
const BATCH = 100;

/** What the sink made of a batch's mails, by UID. */
interface BatchOutcome {
  taken: number[];
  refused: number[];
  retry: number[];
}
/**
 * A batch's mails whose stated sizes add up to at most this are downloaded in one FETCH before the
 * sink takes them (a FETCH a mail cost the worker's thread more than the download); bigger ones are
 * fetched one by one when their turn comes, so a batch of large mails never sits in memory at once.
 */
const PREFETCH_BYTES = 4 * 1024 * 1024;
const DEFAULT_CONCURRENCY = 64;
/**
 * Of the mails taken side by side, at most this many are ones fetched on their own (too large for
 * the shared FETCH, or of unknown size): a high `concurrency` suits small mails (they share their
 * transactions), but sixteen mails of 25 MiB must not sit in memory at once.
 */
const LARGE_MAILS_AT_ONCE = 4;
/** The same default as IMAP_MAILBOXES' in libs/config, for pollers made without the configuration. */
const DEFAULT_CLAIM_EXPIRY_SECONDS = 120;
const MAX_HEARTBEAT_MS = 30_000;
const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 60_000;

/**
 * Takes mail out of one IMAP mailbox: waits with IDLE when the server offers it (polls otherwise),
 * claims each new mail with a conditional keyword so two pollers on one mailbox do not both take it,
 * hands the raw source to the sink, then moves it to the taken folder (refused: quarantine folder;
 * sink threw: claim released, the mail stays to be tried again on a later pass).
 *
 * A crash after the sink took a mail but before the move leaves it claimed in the mailbox; once
 * the claim expires it is handed over again, and the sink's idempotency (Message-ID or content
 * hash) makes that second delivery a no-op. A poller that is merely slow keeps its claims alive by
 * toggling a keyword on them (each toggle is a new modseq); on a server without CONDSTORE the others
 * cannot see that, and a claim held past the expiry may be handed over twice, which the sink's
 * idempotency absorbs the same way.
 *
 * Order: a few mails are handed over at once, but never two that are tied (same sender, or one
 * answers the other): those go in mailbox order. An answer to a mail that another poller holds
 * (claimed, not yet moved: that poller may be slow or dead) waits until it is gone, so an answer
 * never reaches the sink before the mail that opens its ticket.
 */
export class ImapMailboxPoller {
  private readonly location: ImapLocation;
  private readonly claimExpiryMs: number;
  private readonly heartbeatMs: number;
  private readonly concurrency: number;
  private readonly tokens: OAuth2TokenSource | null;
  private stopping = false;
  private running: Promise<void> | null = null;
  private client: ImapFlow | null = null;
  /** Its mailbox is open: connected, as the metrics say, only from here (when the failures in a row are reset too). */
  private opened = false;
  private wakeRequested = false;
  private wakeWaiter: (() => void) | null = null;
  private backoffWaiter: (() => void) | null = null;
  /** Set while a token is being asked for: stop() ends the wait (the endpoint may take its whole timeout). */
  private tokenWaiter: ((error: Error) => void) | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Claims held by someone else, as first seen here: released only when unchanged past the expiry. */
  private foreignClaims = new Map<number, { modseq: bigint | null; since: number }>();
  /** Each mail's order keys by UID (UIDs do not change while the mailbox is open); read once per mail. */
  private orderKeys = new Map<number, MailOrderKeys>();
  /** The mailbox's UIDVALIDITY the keys were read under: another one means other mails behind the same UIDs. */
  private orderKeysValidity: bigint | null = null;
  /** The mails over `maxBytes` among those whose keys were read, by UID: refused without being downloaded. */
  private oversize = new Map<number, OversizeMail>();
  /** Each mail's size as the server states it (RFC822.SIZE), by UID, read with its order keys. */
  private sizes = new Map<number, number>();
  /** Answers left for later because the mail they answer is held by another poller. */
  private deferred = 0;
  private readonly counts: Omit<MailboxState, 'connected'> = { lastPassAt: null, failuresInARow: 0, lastError: null, taken: 0, refused: 0, retried: 0 };

  constructor(
    private readonly settings: ImapMailboxSettings,
    private readonly sink: InboundMailSink,
    private readonly log: TransportLog = consoleTransportLog,
  ) {
    this.location = parseImapUrl(settings.url);
    this.claimExpiryMs = (settings.claimExpirySeconds ?? DEFAULT_CLAIM_EXPIRY_SECONDS) * 1000;
    this.heartbeatMs = Math.min(this.claimExpiryMs / 4, MAX_HEARTBEAT_MS);
    this.concurrency = settings.concurrency ?? DEFAULT_CONCURRENCY;
    this.tokens = settings.oauth2 ? new OAuth2TokenSource(settings.oauth2, { refreshTokens: settings.refreshTokens }) : null;
    if (!(Number.isInteger(this.concurrency) && this.concurrency >= 1)) throw new Error(`imap:${settings.name}: concurrency must be a whole number of at least 1`);
    if (!(settings.pollEverySeconds >= 1)) throw new Error(`imap:${settings.name}: pollEverySeconds must be at least 1`);
    if (!(this.claimExpiryMs >= 1000)) throw new Error(`imap:${settings.name}: claimExpirySeconds must be at least 1`);
    if (settings.maxBytes !== undefined && !(settings.maxBytes >= 1)) throw new Error(`imap:${settings.name}: maxBytes must be at least 1`);
    const folders = [this.location.mailbox, settings.takenFolder, settings.quarantineFolder];
    if (folders.some((f) => !f) || new Set(folders).size !== 3) {
      throw new Error(`imap:${settings.name}: the mailbox, its taken folder and its quarantine folder must be three different folders`);
    }
  }

  /** A copy of what it has done so far (for metrics). */
  state(): MailboxState {
    return { ...this.counts, connected: this.opened && this.client?.usable === true };
  }

  /** Connects and runs until stop(); resolves after the first pass (or the first failed connection, then retries in the background). */
  start(): Promise<void> {
    if (this.running) return Promise.resolve();
    this.stopping = false;
    return new Promise((resolve) => {
      this.running = this.run(resolve);
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    this.backoffWaiter?.();
    this.tokenWaiter?.(new Error('stopped while asking for a token'));
    const running = this.running;
    // A connection attempt in progress is cut short; a pass in progress finishes the mail in hand and releases the rest of its claims.
    if (this.client && !this.client.usable) this.client.close();
    await running;
    this.running = null;
  }

  /** One pass over the mailbox; the number of mails handed to the sink and settled (taken or refused). */
  async pollOnce(): Promise<number> {
    if (this.client?.usable) return this.serially(() => this.pass(this.client as ImapFlow));
    const client = await this.newClient();
    try {
      await this.open(client);
      return await this.serially(() => this.pass(client));
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  private async run(started: () => void): Promise<void> {
    let backoff = FIRST_BACKOFF_MS;
    while (!this.stopping) {
      try {
        const client = await this.newClient();
        if (this.stopping) break;
        this.client = client;
        await this.open(client);
        // What another poller's claim looked like before the drop is not evidence after it; UIDs are re-read after a reconnect.
        this.foreignClaims.clear();
        this.orderKeys.clear();
        this.oversize.clear();
        this.sizes.clear();
        backoff = FIRST_BACKOFF_MS;
        Object.assign(this.counts, { failuresInARow: 0, lastError: null });
        this.opened = true;
        this.log.log(`imap:${this.settings.name}: connected to ${redactImapUrl(this.settings.url)}`);
        while (!this.stopping && client.usable) {
          await this.serially(() => this.pass(client));
          this.counts.lastPassAt = Date.now();
          started();
          if (this.stopping || !client.usable) break;
          await this.waitForMail(client);
        }
      } catch (error) {
        started();
        if (!this.stopping) {
          // A connection that worked and then broke counts as one failure, as does each attempt that never connected.
          Object.assign(this.counts, { failuresInARow: this.counts.failuresInARow + 1, lastError: describe(error).slice(0, 500) });
          this.log.warn(`imap:${this.settings.name}: ${describe(error)}; reconnecting in ${backoff} ms`);
        }
      }
      await this.disconnect();
      if (this.stopping) break;
      await this.sleep(backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
    started();
  }

  /** A client for the next connection; with OAuth2, with a token good for at least a minute (asked for when there is none). */
  private async newClient(): Promise<ImapFlow> {
    const user = this.location.user;
    const auth = this.tokens ? { user, accessToken: await this.tokenUnlessStopped(this.tokens) } : { user, pass: this.location.password };
    const client = new ImapFlow({
      host: this.location.host,
      port: this.location.port,
      secure: this.location.secure,
      ...(this.location.requireStartTls ? { doSTARTTLS: true } : {}),
      auth,
      logger: false,
      // IDLE is started and ended here, around passes: claims use a raw command that must not meet an automatic IDLE.
      disableAutoIdle: true,
      connectionTimeout: 15_000,
      greetingTimeout: 10_000,
    });
    client.on('error', (error: unknown) => this.log.warn(`imap:${this.settings.name}: ${describe(error)}`));
    client.on('exists', () => this.wake());
    // A held mail moved away or released: the answers waiting for it may go now.
    client.on('expunge', () => this.deferred > 0 && this.wake());
    client.on('flags', () => this.deferred > 0 && this.wake());
    client.on('close', () => this.wake());
    return client;
  }

  private tokenUnlessStopped(tokens: OAuth2TokenSource): Promise<string> {
    const stopped = new Promise<never>((_, reject) => (this.tokenWaiter = reject));
    return Promise.race([tokens.accessToken(), stopped]).finally(() => (this.tokenWaiter = null));
  }

  private async open(client: ImapFlow): Promise<void> {
    try {
      await client.connect();
    } catch (error) {
      // A token the server refused (revoked, or expired early) is not offered again: the next connection asks for a new one.
      if ((error as { authenticationFailed?: boolean }).authenticationFailed) this.tokens?.invalidate();
      throw error;
    }
    await this.ensureFolders(client);
    await client.mailboxOpen(this.location.mailbox);
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.opened = false;
    if (!client) return;
    if (client.usable) await client.logout().catch(() => client.close());
    else client.close();
  }

  private async ensureFolders(client: ImapFlow): Promise<void> {
    const existing = new Set((await client.list()).map((folder) => folder.path));
    for (const folder of [this.settings.takenFolder, this.settings.quarantineFolder]) {
      if (existing.has(folder)) continue;
      // Another poller may create it at the same moment; the folder existing is all that matters.
      await client.mailboxCreate(folder).catch(async (error: unknown) => {
        const now = new Set((await client.list()).map((f) => f.path));
        if (!now.has(folder)) throw error;
      });
    }
  }

  private async waitForMail(client: ImapFlow): Promise<void> {
    if (this.wakeRequested) return;
    const woken = new Promise<void>((resolve) => (this.wakeWaiter = resolve));
    const timer = setTimeout(() => this.wake(), this.settings.pollEverySeconds * 1000);
    // With IDLE the server pushes EXISTS for a new mail ('exists' wakes us); the next command ends the IDLE.
    if (client.capabilities.has('IDLE')) client.idle().catch(() => this.wake());
    await woken;
    clearTimeout(timer);
  }

  private wake(): void {
    this.wakeRequested = true;
    const waiter = this.wakeWaiter;
    this.wakeWaiter = null;
    waiter?.();
  }

  /** The backoff between connections: only stop() cuts it short (a dead connection's events must not). */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.backoffWaiter = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.backoffWaiter = done;
    });
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async pass(client: ImapFlow): Promise<number> {
    this.wakeRequested = false;
    // Outside IDLE the server tells about new mail only in answer to a command.
    await client.noop();
    const mailbox = client.mailbox;
    if (!mailbox || mailbox.exists === 0) return 0;
    const conditional = canClaimConditionally(client);
    const snapshot = mailboxRows(await client.fetchAll('1:*', { uid: true, flags: true, ...(conditional ? { modseq: true } : {}) }));
    // Any change after this snapshot carries a higher modseq than every mail in it.
    const unchangedSince = conditional ? snapshot.reduce<bigint>((max, m) => (m.modseq && m.modseq > max ? m.modseq : max), 0n) : null;
    const free: number[] = [];
    const expired: { uid: number; modseq: bigint | null }[] = [];
    const now = Date.now();
    const stillClaimed = new Set<number>();
    for (const mail of snapshot) {
      if (!mail.flags?.has(CLAIM_KEYWORD)) {
        free.push(mail.uid);
        continue;
      }
      stillClaimed.add(mail.uid);
      const modseq = mail.modseq ?? null;
      const seen = this.foreignClaims.get(mail.uid);
      if (!seen || seen.modseq !== modseq) this.foreignClaims.set(mail.uid, { modseq, since: now });
      else if (now - seen.since >= this.claimExpiryMs) expired.push({ uid: mail.uid, modseq });
    }
    for (const uid of this.foreignClaims.keys()) if (!stillClaimed.has(uid)) this.foreignClaims.delete(uid);
    await this.releaseExpired(client, expired);

    await this.readOrderKeys(client, snapshot.map((m) => m.uid));
    // Mails held elsewhere, and (as found below) the mails that must wait for them.
    const held = new Set<string>();
    for (const uid of stillClaimed) this.hold(held, uid);
    const ready = free.filter((uid) => !this.mustWait(held, uid));
    this.deferred = free.length - ready.length;

    let settled = 0;
    // A batch's moves go out once the next batch is claimed and fetched, and run while the sink takes
    // that one: waited for in turn, they left the worker idle for 9-50% of each batch while the
    // mailbox was being written to (Dovecot's lock; docs/benchmarks.md).
    let unsettled: BatchOutcome | null = null;
    try {
      for (let i = 0; i < ready.length && !this.stopping; i += BATCH) {
        const attempt = ready.slice(i, i + BATCH);
        const mine = await claim(client, attempt, unchangedSince);
        // A mail of this attempt that another poller claimed first is held now too, and so is what answers it.
        const landed = new Set(mine);
        for (const uid of attempt) if (!landed.has(uid)) this.hold(held, uid);
        const go = mine.filter((uid) => !this.mustWait(held, uid));
        if (go.length < mine.length) {
          await release(client, mine.filter((uid) => !go.includes(uid)));
          this.deferred += mine.length - go.length;
        }
        const prefetched = await this.prefetchSources(client, go);
        const settling = unsettled ? this.settle(client, unsettled) : null;
        unsettled = null;
        // Waited for below, after the take: a batch the sink holds is never given up half-way.
        settling?.catch(() => undefined);
        try {
          unsettled = await this.takeBatch(client, go, prefetched);
        } finally {
          if (settling) settled += await settling;
        }
      }
    } finally {
      // The last batch's moves, also when the pass stops on an error.
      if (unsettled) settled += await this.settle(client, unsettled);
    }
    return settled;
  }

  private hold(held: Set<string>, uid: number): void {
    const id = this.orderKeys.get(uid)?.messageId;
    if (id) held.add(id);
  }

  /** Whether the mail answers a held one; if so it is held too, so an answer to it waits as well (mailbox order). */
  private mustWait(held: Set<string>, uid: number): boolean {
    const waits = this.orderKeys.get(uid)?.answers.some((id) => held.has(id)) ?? false;
    if (waits) this.hold(held, uid);
    return waits;
  }

  /** Reads the headers that order the mails not seen before (one FETCH), and forgets the mails gone. */
  private async readOrderKeys(client: ImapFlow, uids: number[]): Promise<void> {
    const validity = client.mailbox ? client.mailbox.uidValidity : null;
    if (validity !== this.orderKeysValidity) {
      this.orderKeys.clear();
      this.oversize.clear();
      this.sizes.clear();
    }
    this.orderKeysValidity = validity;
    const present = new Set(uids);
    for (const uid of this.orderKeys.keys()) if (!present.has(uid)) this.orderKeys.delete(uid);
    for (const uid of this.oversize.keys()) if (!present.has(uid)) this.oversize.delete(uid);
    for (const uid of this.sizes.keys()) if (!present.has(uid)) this.sizes.delete(uid);
    const unread = uids.filter((uid) => !this.orderKeys.has(uid));
    if (unread.length === 0) return;
    const fetched = await client.fetchAll(uidSet(unread), { uid: true, envelope: true, size: true, headers: ['references'] }, { uid: true });
    // Only the rows that answer this FETCH: an unsolicited one (another session changed flags) has no envelope, and its mail is read next pass.
    for (const mail of mailboxRows(fetched).filter((m) => m.envelope)) {
      const maxBytes = this.settings.maxBytes;
      if (typeof mail.size === 'number') this.sizes.set(mail.uid, mail.size);
      if (maxBytes !== undefined && typeof mail.size === 'number' && mail.size > maxBytes) {
        this.oversize.set(mail.uid, {
          mailboxKey: `imap:${this.settings.name}:${validity ?? ''}:${mail.uid}`,
          sizeBytes: mail.size,
          maxBytes,
          messageId: mail.envelope?.messageId?.replace(/^<|>$/g, '') || null,
          fromAddress: mail.envelope?.from?.[0]?.address ?? null,
          subject: mail.envelope?.subject ?? null,
        });
      }
      this.orderKeys.set(
        mail.uid,
        mailOrderKeys({
          fromAddress: mail.envelope?.from?.[0]?.address,
          messageId: mail.envelope?.messageId,
          inReplyTo: mail.envelope?.inReplyTo,
          references: mail.headers?.toString('latin1'),
        }),
      );
    }
  }

  private async releaseExpired(client: ImapFlow, expired: { uid: number; modseq: bigint | null }[]): Promise<void> {
    for (const { uid, modseq } of expired) {
      // Conditional, so of two pollers that both saw it expire only one releases it.
      const released = await release(client, [uid], modseq);
      this.foreignClaims.delete(uid);
      if (released.length) {
        this.log.warn(`imap:${this.settings.name}: released a claim older than ${this.claimExpiryMs / 1000}s on UID ${uid}`);
        this.wake();
      }
    }
  }

  /** Hands the batch's mails to the sink; what became of each is settled with the mailbox afterwards (`settle`). */
  private async takeBatch(client: ImapFlow, uids: number[], prefetched: Map<number, Buffer>): Promise<BatchOutcome> {
    const taken: number[] = [];
    const refused: number[] = [];
    const retry: number[] = [];
    const envelope: MailEnvelope = { source: `imap:${this.settings.name}`, recipients: [], mailFrom: null, remoteAddress: null, helo: null };
    const largeMails = new Gate(LARGE_MAILS_AT_ONCE);
    const takeOne = async (uid: number): Promise<void> => {
      try {
        const oversize = this.oversize.get(uid);
        if (oversize) {
          // Never downloaded: a 50 MB mail must not sit in the worker's memory only to be refused.
          await this.sink.refuseTooLarge(oversize, envelope);
          refused.push(uid);
          this.log.warn(`imap:${this.settings.name}: refused UID ${uid} unread: ${oversize.sizeBytes} bytes, more than ${oversize.maxBytes}`);
          return;
        }
        // A mail not prefetched is fetched when its turn comes, LARGE_MAILS_AT_ONCE at most in memory.
        const small = prefetched.get(uid);
        prefetched.delete(uid);
        const result = small ? await this.sink.accept(small, envelope) : await largeMails.run(async () => {
          const source = await this.fetchSource(client, uid);
          return source ? this.sink.accept(source, envelope) : null;
        });
        if (!result) return;
        if (result.outcome === 'taken') taken.push(uid);
        else {
          refused.push(uid);
          this.log.warn(`imap:${this.settings.name}: refused UID ${uid}: ${result.reason}`);
        }
      } catch (error) {
        retry.push(uid);
        this.log.warn(`imap:${this.settings.name}: could not take UID ${uid} now, will retry: ${describe(error)}`);
      }
    };
    const heartbeat = this.keepClaimsAlive(client, uids);
    try {
      await inKeyOrder(uids, this.concurrency, (uid) => this.orderKeys.get(uid)?.keys ?? [], takeOne, {
        mayStart: () => !this.stopping,
        notStarted: (uid) => retry.push(uid),
      });
    } finally {
      await heartbeat.stop();
    }
    return { taken, refused, retry };
  }

  /** Releases the mails to retry and moves the others out of the mailbox; returns how many left it. */
  private async settle(client: ImapFlow, { taken, refused, retry }: BatchOutcome): Promise<number> {
    // Moved mails keep the keyword: releasing first would let the other poller claim them before the move.
    await release(client, retry);
    await this.moveTo(client, taken, this.settings.takenFolder);
    await this.moveTo(client, refused, this.settings.quarantineFolder);
    this.counts.taken += taken.length;
    this.counts.refused += refused.length;
    this.counts.retried += retry.length;
    return taken.length + refused.length;
  }

  private async fetchSource(client: ImapFlow, uid: number): Promise<Buffer | undefined> {
    const mail = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
    return mail ? mail.source : undefined;
  }

  /**
   * The sources of the batch's mails of known size, in one FETCH, as long as they add up to at most
   * PREFETCH_BYTES (mailbox order; a mail that does not fit is left for its turn). A failed FETCH
   * prefetches nothing: each mail is then fetched on its own, and fails or succeeds as before.
   */
  private async prefetchSources(client: ImapFlow, uids: number[]): Promise<Map<number, Buffer>> {
    const chosen = new Set<number>();
    let bytes = 0;
    for (const uid of uids) {
      const size = this.sizes.get(uid);
      if (size === undefined || this.oversize.has(uid) || bytes + size > PREFETCH_BYTES) continue;
      chosen.add(uid);
      bytes += size;
    }
    if (chosen.size < 2) return new Map();
    try {
      const rows = mailboxRows(await client.fetchAll(uidSet([...chosen]), { uid: true, source: true }, { uid: true }));
      return new Map(rows.filter((row) => chosen.has(row.uid) && row.source).map((row) => [row.uid, row.source as Buffer]));
    } catch (error) {
      this.log.warn(`imap:${this.settings.name}: could not fetch ${chosen.size} mails at once, fetching them one by one: ${describe(error)}`);
      return new Map();
    }
  }

  /**
   * While this batch is with the sink, toggles the alive keyword on its claimed mails every
   * `heartbeatMs`, so that the other pollers see them change and do not take this poller for dead.
   * A batch that ends before the first beat costs nothing; one that beat ends with the keyword cleared.
   */
  private keepClaimsAlive(client: ImapFlow, uids: number[]): { stop(): Promise<void> } {
    let set = false; // what the last beat asked for; beats go one after the other
    let beating: Promise<void> = Promise.resolve();
    const beat = (on: boolean) =>
      (beating = beating
        .then(() => touch(client, uids, on))
        .catch((error: unknown) => this.log.warn(`imap:${this.settings.name}: could not mark ${uids.length} held mail(s) alive: ${describe(error)}`)));
    const timer = setInterval(() => void beat((set = !set)), this.heartbeatMs);
    timer.unref?.();
    return {
      stop: async () => {
        clearInterval(timer);
        await beating;
        if (set && client.usable) await beat(false);
      },
    };
  }

  private async moveTo(client: ImapFlow, uids: number[], folder: string): Promise<void> {
    if (uids.length === 0) return;
    // imapflow falls back to COPY + \Deleted + EXPUNGE on servers without MOVE.
    const moved = await client.messageMove(uids.join(','), folder, { uid: true });
    if (!moved) throw new Error(`moving ${uids.length} mail(s) to ${folder} failed`);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const extra = (error as { responseText?: string }).responseText;
    return extra ? `${error.message} (${extra})` : error.message;
  }
  return String(error);
}

