import { hostname } from 'node:os';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { fillTrackingToken, TrackingTokenCodec } from '@firsthand/access';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { mimeEncodedBytes, replyAddressFor } from '@firsthand/domain';
import { addresseesOf, DeliveryFailed, mailThreadIdFor, retryDelayMs, withDeadline, withFilesLeftOut, type MailThreadHeaders } from '@firsthand/notifications';
import { AttachmentStore, MailThreads, NotificationStore, type MailThreadPlace, type NotificationToSend, type SendLease } from '@firsthand/persistence';
import { JobName } from '@firsthand/queue-contracts';
import { CommittedEventsPublisher } from '@firsthand/ticketing';
import { MailIdentities } from '../email/mail-identities.js';
import { JobProducer } from '../queues/job-producer.js';
import { ChannelSenders } from './channel-senders.js';

export type DeliveryOutcome = 'sent' | 'retrying' | 'failed' | 'nothing-to-do';

/** The longest a customer's message waits for an earlier one to go first (then it goes anyway: order is not worth a stall). */
const IN_ORDER_WAIT_MS = 5000;
/** Nothing a customer is sent comes before these: the acknowledgement, or the bot's answer in its place. */
const FIRST_MESSAGES: ReadonlySet<string> = new Set(['received', 'automatic_answer']);
/** The longest a receiver's Retry-After holds a notification back (unless NOTIFY_RETRY_MAX_MS is longer). */
const RETRY_AFTER_CAP_MS = 3_600_000;
/** What a lease must have left beyond a send's own time limit for the send to go out under it. */
const LEASE_MARGIN_MS = 2000;

/** Another worker holds a live lease on this send: try again later rather than send it twice. */
export class SendInProgressElsewhere extends Error {
  constructor(id: string, until: Date | null) {
    super(`Notification ${id} is being sent by another worker (lease until ${until?.toISOString() ?? 'unknown'})`);
  }
}

/**
 * One delivery attempt. The send is taken with a conditional UPDATE and a lease, so a job that runs
 * twice (a stalled worker, a retry) sends once: the second run finds it sent, or in progress under
 * a live lease. A worker killed mid-send leaves its lease to run out, then another takes over. The
 * notification id travels as the provider's idempotency key (Message-ID, Idempotency-Key,
 * webhook-id), so a send that reached the provider just before the crash is recognisable there.
 */
@Injectable()
export class DeliverNotification {
  private readonly logger = new Logger(DeliverNotification.name);
  private readonly worker = `${hostname()}:${process.pid}`;
  private readonly leaseMs: number;
  private readonly tokens: TrackingTokenCodec;
  /** What a ticket's emails go out as: the support address, or the mailbox's own its mail came in through. */
  private readonly identities: MailIdentities;

  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly store: NotificationStore,
    private readonly senders: ChannelSenders,
    private readonly producer: JobProducer,
    private readonly live: CommittedEventsPublisher,
    private readonly threads: MailThreads,
    private readonly files: AttachmentStore,
  ) {
    // Longer than any send may take, so a slow but living worker is never overtaken.
    this.leaseMs = config.notifications.sendTimeoutMs * 2 + 5000;
    this.tokens = new TrackingTokenCodec(config.secret);
    this.identities = new MailIdentities(config.mail);
  }

  /** This worker's lease on a send taken now. */
  lease(): SendLease {
    return { leaseMs: this.leaseMs, worker: this.worker, now: new Date() };
  }

  async run(notificationId: string): Promise<DeliveryOutcome> {
    const lease = this.lease();
    const claim = await this.store.takeForSending(notificationId, lease);
    if (!claim.taken) {
      if (claim.status === 'sending') throw new SendInProgressElsewhere(notificationId, claim.leaseUntil);
      return 'nothing-to-do';
    }
    await this.afterEarlierSends(claim.notification);
    return this.send(claim.notification, undefined, lease);
  }

  /**
   * Sends what this worker has taken in the order its customers should read it: each recipient's
   * messages about one ticket one after the other, by event, once any earlier one still on its way
   * from another job or worker has gone; different recipients side by side.
   */
  async sendInOrder(taken: readonly NotificationToSend[], places: ReadonlyMap<string, MailThreadPlace>, lease: SendLease | undefined): Promise<void> {
    const chains = new Map<string, NotificationToSend[]>();
    for (const n of taken) {
      const key = `${n.ticketId} ${n.channel} ${n.address}`;
      const chain = chains.get(key);
      if (chain) chain.push(n);
      else chains.set(key, [n]);
    }
    await Promise.all(
      [...chains.values()].map(async (chain) => {
        chain.sort((a, b) => Number(a.eventId) - Number(b.eventId));
        // Each asks again: another job may hold an event between two of this chain's.
        for (const n of chain) {
          await this.afterEarlierSends(n);
          await this.send(n, places.get(n.id), lease);
        }
      }),
    );
  }

  /**
   * Waits, at most IN_ORDER_WAIT_MS, while a customer's message about an earlier event is still on its
   * first way out. Nothing comes before a ticket's acknowledgement (or the bot's answer), so those never ask.
   */
  private async afterEarlierSends(n: NotificationToSend): Promise<void> {
    if (n.recipientType !== 'customer' || n.channel === 'webhook' || FIRST_MESSAGES.has(n.kind)) return;
    const until = Date.now() + IN_ORDER_WAIT_MS;
    for (let pause = 50; Date.now() < until; pause = Math.min(pause * 2, 400)) {
      if (!(await this.store.earlierOnItsWay(n, new Date()).catch(() => false))) return;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  /**
   * Sends a notification this worker has taken (here, or when planning it) and records how it went.
   * `place`: a customer email's place in its mail thread, when it was read as its event was handled
   * (its id remembered as it was stored); otherwise it is read and the id remembered here.
   */
  async send(notification: NotificationToSend, place?: MailThreadPlace, takenUnder?: SendLease): Promise<DeliveryOutcome> {
    try {
      const sender = await this.senders.senderFor(notification);
      const { leftOut, ...extras } = await this.customerMailExtras(notification, place);
      const { text, html } = withFilesLeftOut(this.withTrackingToken(notification), leftOut ?? [], notification.locale === 'zh-CN' ? 'zh-CN' : 'en');
      const message = {
        idempotencyKey: notification.id,
        to: notification.address,
        ...(notification.channel === 'email' ? { toName: notification.recipientName } : {}),
        subject: notification.subject || undefined,
        text,
        html: html ?? undefined,
        ...extras,
        ...(notification.channel === 'email' ? automaticMail(notification) : {}),
        ...(notification.channel === 'email' && notification.recipientType === 'customer' ? { addressees: addresseesOf(notification.payload) } : {}),
        event: webhookEvent(notification),
      };
      if (takenUnder && !(await this.leaseCovers(notification, takenUnder))) return 'nothing-to-do';
      const receipt = await withDeadline(this.config.notifications.sendTimeoutMs, (signal) => sender.send(message, signal));
      await this.store.markSent(notification.id, notification.attempt, receipt, new Date());
      return 'sent';
    } catch (error) {
      return this.failed(notification, error);
    }
  }

  /**
   * The lease taken with the send (when its event was planned, or the job took it) must outlast the
   * send itself: planning a busy job and reading its files can eat into it, and a lease that runs out
   * mid-send lets the sweeper hand the send to another worker (the customer would get it twice). So
   * with less than a send's time left it is renewed first; one that already ran out is not used.
   */
  private async leaseCovers(notification: NotificationToSend, lease: SendLease): Promise<boolean> {
    const now = Date.now();
    const left = lease.now.getTime() + lease.leaseMs - now;
    if (left > this.config.notifications.sendTimeoutMs + LEASE_MARGIN_MS) return true;
    return this.store.renewLease(notification.id, notification.attempt, { ...lease, now: new Date(now) });
  }

  /** A customer's message is stored with a slot for their tracking token (never the token itself); it is filled in only here, on its way out. */
  private withTrackingToken(n: NotificationToSend): { text: string; html: string | null } {
    if (n.recipientType !== 'customer') return { text: n.textBody, html: n.htmlBody };
    const token = this.tokens.forTicket(n.ticketId);
    const slot = this.tokens.slotFor(n.ticketId, n.eventId);
    return { text: fillTrackingToken(n.textBody, token, slot), html: n.htmlBody === null ? null : fillTrackingToken(n.htmlBody, token, slot) };
  }

  /**
   * A customer's email joins the ticket's mail thread (In-Reply-To their newest mail, References the
   * conversation, Reply-To the ticket's own address) and carries the public files of the reply it
   * tells about that fit in MAIL_MAX_OUTBOUND_FILE_BYTES as sent (the rest stay a link away: a relay
   * that refuses the mail for its size refuses the reply's text with it). A ticket that came in
   * through a mailbox with its own address is answered from it, with its reply address made from it.
   */
  private async customerMailExtras(
    notification: NotificationToSend,
    place?: MailThreadPlace,
  ): Promise<{ thread?: MailThreadHeaders; from?: string; attachments?: Array<{ filename: string; contentType: string; content: Buffer }>; leftOut?: string[] }> {
    if (notification.channel !== 'email' || notification.recipientType !== 'customer') return {};
    const joined = place ?? (await this.threads.joinThread(notification.id, notification.ticketId, mailThreadIdFor(notification.id)));
    if (!joined) return {};
    const identity = this.identities.forMailbox(joined.mailbox);
    const thread = { replyTo: replyAddressFor(joined.code, identity.replyBase), inReplyTo: joined.lastInbound ?? joined.conversation.at(-1) ?? null, references: joined.conversation };
    const attachments = [];
    const leftOut: string[] = [];
    let total = 0;
    for (const record of joined.files) {
      const size = mimeEncodedBytes(record.sizeBytes);
      if (total + size > this.config.mail.maxOutboundFileBytes) {
        leftOut.push(record.filename);
        continue;
      }
      const stream = await this.files.openBytes(record);
      if (!stream) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      attachments.push({ filename: record.filename, contentType: record.contentType, content: Buffer.concat(chunks) });
      total += size;
    }
    return { thread, ...(identity.from ? { from: identity.from } : {}), ...(attachments.length > 0 ? { attachments } : {}), ...(leftOut.length > 0 ? { leftOut } : {}) };
  }

  private async failed(notification: NotificationToSend, error: unknown): Promise<DeliveryOutcome> {
    const failure = error instanceof DeliveryFailed ? error : new DeliveryFailed('unexpected', (error as Error)?.message ?? String(error), { cause: error });
    const reason = `${failure.code}: ${failure.message}`;
    const now = new Date();
    if (failure.retryable && notification.attempt < notification.maxAttempts) {
      const { retryBaseMs, retryMaxMs } = this.config.notifications;
      // A receiver that said when to come back (429/503 Retry-After) is not asked sooner; a request
      // to wait longer than an hour (or the longest backoff, if longer) is not taken at its word.
      const asked = Math.min(failure.retryAfterMs ?? 0, Math.max(RETRY_AFTER_CAP_MS, retryMaxMs));
      const delay = Math.max(retryDelayMs(notification.attempt, { baseMs: retryBaseMs, maxMs: retryMaxMs }), asked);
      await this.store.markRetry(notification.id, notification.attempt, reason, failure.responseCode, new Date(now.getTime() + delay), now);
      // If Redis refuses the retry, the notification sweeper finds it pending past its time.
      await this.producer
        .add(JobName.DeliverNotification, { notificationId: notification.id, attempt: notification.attempt + 1, round: notification.retryRound }, { delay })
        .catch((e: Error) => this.logger.warn(`Retry of ${notification.id} not queued (${e.message}); the sweeper will`));
      return 'retrying';
    }
    const record = await this.store.markFailed(notification.id, notification.attempt, reason, failure.responseCode, now);
    this.logger.warn(`Notification ${notification.id} (${notification.channel} to ${notification.address}) failed for good: ${reason}`);
    if (record && record.status === 'failed') {
      await this.live
        .notificationFailed({ ...record, status: 'failed' })
        .catch((e: Error) => this.logger.warn(`Failure not pushed to supervisors: ${e.message}`));
    }
    return 'failed';
  }
}

/** Every email but an agent's reply to the customer is the system's own (a reply is a person's words, answered as such). */
function automaticMail(n: NotificationToSend): { automatic?: 'auto-replied' | 'auto-generated' } {
  if (n.recipientType === 'customer' && n.kind === 'agent_replied') return {};
  return { automatic: n.recipientType === 'customer' && n.kind === 'received' ? 'auto-replied' : 'auto-generated' };
}

function webhookEvent(n: NotificationToSend) {
  if (n.channel !== 'webhook' || !n.payload) return undefined;
  const payload = n.payload as { type: string; occurredAt: string; data: unknown };
  return { type: payload.type, occurredAt: new Date(payload.occurredAt), data: payload.data };
}
