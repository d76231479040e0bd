import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { TrackingTokenCodec, withoutTrackingTokens } from '@firsthand/access';
import { FILE_STORAGE, type FileStorage } from '@firsthand/attachments';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import {
  Clock,
  copiedOnMail,
  CustomerBeingErased,
  cutText,
  ERASED_TEXT,
  holdsNoise,
  keepsHeldOriginal,
  mailContinuesTicket,
  neverATicket,
  receiveCustomerMail,
  singleLineText,
  storableText,
  ticketCodeInSubject,
  type CopiedPerson,
  type CustomerIdentity,
  type HeldFor,
  type MailSenderFacts,
  type NeverATicket,
  type TakenInBy,
  type TakeInRefusal,
  takeInRefusal,
  bounceReason,
  NEVER_A_TICKET_REASONS,
  neverATicketReason,
  noiseReason,
  quotedOnlyReason,
  senderRateReason,
  unreadableReason,
  type UnticketedReason,
} from '@firsthand/domain';
import {
  authenticateMail,
  cachingResolver,
  fromAddressInHeader,
  MailRefused,
  readMail,
  tooLarge,
  type DnsResolver,
  type InboundMailOutcome,
  type InboundMailSink,
  type MailAuthentication,
  type MailEnvelope,
  type OversizeMail,
  type ReadMail,
} from '@firsthand/email';
import {
  AttachmentStore,
  CustomerErasures,
  HeldMailTakeIns,
  InboundMailLog,
  MailThreads,
  NotificationStore,
  TicketCopiedPeople,
  type InboundMailRecord,
  type PreparedFiles,
  type TakenInRecord,
  type ThreadTicket,
} from '@firsthand/persistence';
import { CommittedEventsPublisher, TicketOpening, TicketWriter } from '@firsthand/ticketing';
import { MailIdentities } from './mail-identities.js';
import type { EntityManager } from 'typeorm';

/** The DNS the sender checks (DKIM, SPF, DMARC) ask; tests give one that answers from fixtures. */
export const MAIL_DNS_RESOLVER = Symbol('MAIL_DNS_RESOLVER');

const TAKEN: InboundMailOutcome = { outcome: 'taken' };
const HOUR_MS = 3_600_000;
const SUBJECT_MAX = 200;
const BODY_MAX = 20_000;

/** Another worker recorded the same mail first: this transaction rolls back whole. */
class MailAlreadyTaken extends Error {}

/** A held mail erased, or its sender being erased, or its original deleted while it was being taken in: the ticket's transaction rolls back, the take-in is refused. */
class HeldMailGone extends Error {
  constructor(readonly refusal: Extract<TakenInRecord, 'erased' | 'original_gone'>, detail = `the held mail is gone (${refusal})`) {
    super(detail);
  }
}

/**
 * A mail from a customer whose data is being erased, or answering one of their tickets, is not taken
 * now: to the transports this is a passing failure (SMTP 451, IMAP leaves it in the mailbox), so it
 * comes again, and once the erasure is done it opens a ticket on a new record (no address names the
 * erased one). Nothing of it is recorded or kept meanwhile.
 */
export class MailWaitsForErasure extends Error {
  constructor() {
    super('it is from a customer whose data is being erased, or answers their ticket: taken once the erasure is done');
  }
}

/** A held mail's take-in: taken (or by another worker first), or refused with why (a kind the panel words) and the details (for the log). */
export type HeldTakeInOutcome = { outcome: 'taken' } | { outcome: 'refused'; refusal: TakeInRefusal; reason: string };
type TakeOutcome = InboundMailOutcome | HeldTakeInOutcome;

/** How a mail that must never be a ticket is recorded when it comes (with neverATicketReason). */
const NEVER_RECORDED: Record<NeverATicket, 'ignored' | 'quarantined'> = {
  bounce: 'ignored',
  no_sender: 'quarantined',
  own_address: 'ignored',
  // An agent answering one of their notices by mail would otherwise open a ticket with them as its customer (and their note as its text, on a customer's page).
  agent_address: 'ignored',
};

/** A held mail a supervisor asked to take in: its record, which becomes the taken one, its kept original, and who asked (the agents' timeline names them). */
interface HeldMail {
  mailId: string;
  originalKey: string;
  takenInBy: TakenInBy;
}

interface FoundThread {
  ticket: ThreadTicket;
  via: 'reply_address' | 'message_id' | 'subject_code';
}

/**
 * Where every inbound mail goes, from IMAP or SMTP alike. Idempotent on the mail's dedup key: the
 * record of the mail is written in the same transaction as the ticket change it makes, under a
 * unique key, so the same mail delivered twice, or taken by two workers at once, makes one message.
 * An email is a customer act: it continues its ticket under the same rules as a reply on the
 * tracking page, or opens a new ticket, and never changes who owns anything.
 */
@Injectable()
export class TakeInboundMail implements InboundMailSink {
  private readonly logger = new Logger(TakeInboundMail.name);
  private readonly tokens: TrackingTokenCodec;
  /** Mailbox name → team id, for the new tickets each mailbox opens (set when the transports start). */
  private teamsByMailbox = new Map<string, string>();
  /** The system DNS behind a cache unless one is injected (tests answer from fixtures). */
  private readonly resolver: DnsResolver;
  /** Our addresses: the support address and the mailboxes' own, whose plus-addresses name tickets. */
  private readonly identities: MailIdentities;
  /**
   * The mails this process is taking, by dedup key: a second copy (the same mail to two of our
   * addresses, polled side by side) waits for the first and then finds it recorded, instead of
   * joining a shared transaction that its duplicate record would make fail for every mail in it.
   */
  private readonly taking = new Map<string, Promise<unknown>>();

  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly log: InboundMailLog,
    private readonly takeIns: HeldMailTakeIns,
    private readonly erasures: CustomerErasures,
    private readonly threads: MailThreads,
    private readonly copied: TicketCopiedPeople,
    private readonly writer: TicketWriter,
    private readonly opening: TicketOpening,
    private readonly attachments: AttachmentStore,
    private readonly notifications: NotificationStore,
    private readonly live: CommittedEventsPublisher,
    private readonly clock: Clock,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Optional() @Inject(MAIL_DNS_RESOLVER) resolver: DnsResolver | null = null,
  ) {
    this.tokens = new TrackingTokenCodec(config.secret);
    this.resolver = resolver ?? cachingResolver();
    this.identities = new MailIdentities(config.mail);
  }

  routeMailboxToTeam(source: string, teamId: string): void {
    this.teamsByMailbox.set(source, teamId);
  }

  private get limits() {
    return { maxBytes: this.config.mail.maxBytes, maxRecipients: this.config.mail.maxRecipients, maxFiles: this.config.mail.maxFiles, maxPartDepth: 20 };
  }

  async accept(raw: Buffer, envelope: MailEnvelope): Promise<InboundMailOutcome> {
    let mail: ReadMail;
    try {
      mail = await readMail(raw, this.limits);
    } catch (error) {
      if (!(error instanceof MailRefused)) throw error;
      await this.quarantineUnreadable(raw, envelope, error);
      return { outcome: 'refused', reason: error.reason };
    }
    return this.takeOnce(mail, () => this.take(raw, envelope, mail, null));
  }

  /**
   * A held mail (quarantined for its sender's rate, or ignored as noise) that a supervisor asked to
   * take in: taken in as it would have been when it came, with its kept envelope, but past the
   * per-sender rate and the noise rules. Its record becomes the taken one in the ticket's
   * transaction, only while it still holds the original read (`held.originalKey`). 'refused' with
   * why when it must still not become a ticket (takeInRefusal: unreadable, a bounce, a list, from
   * our own or an agent's address), or when it was erased meanwhile; 'taken' also when another
   * worker took it in first.
   */
  async takeHeldIn(raw: Buffer, envelope: MailEnvelope, held: HeldMail): Promise<HeldTakeInOutcome> {
    let mail: ReadMail;
    try {
      mail = await readMail(raw, this.limits);
    } catch (error) {
      if (!(error instanceof MailRefused)) throw error;
      return { outcome: 'refused', refusal: 'unreadable', reason: `${error.reason}: ${error.message}` };
    }
    const outcome = await this.takeOnce(mail, () => this.take(raw, envelope, mail, held));
    return outcome.outcome === 'taken' || 'refusal' in outcome ? outcome : { outcome: 'refused', refusal: 'unreadable', reason: outcome.reason };
  }

  /** One mail of a dedup key at a time in this process (see `taking`). */
  private async takeOnce(mail: ReadMail, take: () => Promise<TakeOutcome>): Promise<TakeOutcome> {
    for (let earlier = this.taking.get(mail.dedupKey); earlier; earlier = this.taking.get(mail.dedupKey)) await earlier.catch(() => undefined);
    const taking = take();
    this.taking.set(mail.dedupKey, taking);
    try {
      return await taking;
    } finally {
      if (this.taking.get(mail.dedupKey) === taking) this.taking.delete(mail.dedupKey);
    }
  }

  private async take(raw: Buffer, envelope: MailEnvelope, mail: ReadMail, held: HeldMail | null): Promise<TakeOutcome> {
    const from = mail.from?.address;
    const seen = await this.log.firstLook(mail.dedupKey, from ?? null, new Date(this.clock.now().getTime() - HOUR_MS));
    // Before anything is recorded or stored (the first look's own question); asked again under the customer's lock where the mail would open or add to a ticket.
    if (seen.senderBeingErased) return this.waitForErasure(held);
    // A held mail is recorded already: its record is what becomes the taken one.
    if (seen.recorded && !held) return TAKEN;

    const base: InboundMailRecord = {
      dedupKey: mail.dedupKey,
      // A mail to one of MAIL_ADDRESSES (a brand's) is recorded as come in there: its ticket is answered from it.
      ...this.cameInAt(envelope, [...mail.to.map((a) => a.address), ...mail.cc.map((a) => a.address)]),
      messageId: mail.messageId,
      fromAddress: mail.from?.address ?? null,
      subject: mail.subject,
      sizeBytes: mail.sizeBytes,
      outcome: 'ignored',
    };
    if (mail.bounce && !held) return this.bounced(mail, base);
    const sender: MailSenderFacts = { sender: from ?? null, bounce: mail.bounce !== null, noiseKind: mail.noise?.kind ?? null, fromOurOwnAddress: from !== undefined && this.identities.isOwn(from), fromAgent: seen.fromAgent };
    if (held) {
      // Taking a held mail in changes nothing when it must still not become a ticket: the supervisor is told why.
      const refusal = takeInRefusal(sender);
      if (refusal) return { outcome: 'refused', refusal, reason: refusal === 'list' ? `list: ${mail.noise?.reason ?? ''}` : NEVER_A_TICKET_REASONS[refusal] };
    } else {
      // The SMTP listener is the last hop, so no Return-Path tells of a null sender: the envelope does.
      const noise = mail.noise ? noiseReason(mail.noise.kind, mail.noise.reason) : envelope.mailFrom === '' ? noiseReason('auto_submitted', 'MAIL FROM:<> (a null sender: machine-made mail)') : null;
      if (noise) return holdsNoise(sender) ? this.hold(raw, envelope, base, seen.fromSenderSince, 'noise', 'ignored', noise) : this.set(base, 'ignored', noise);
      const never = neverATicket(sender);
      if (never) return this.set(base, NEVER_RECORDED[never], neverATicketReason(never));
      if (seen.fromSenderSince >= this.config.mail.perSenderPerHour) {
        return this.hold(raw, envelope, base, seen.fromSenderSince, 'sender_rate', 'quarantined', senderRateReason(this.config.mail.perSenderPerHour));
      }
    }

    const auth = await this.authenticate(raw, envelope);
    const original = held ? { key: held.originalKey } : await this.storage.put(raw);
    const record = { ...base, auth: { ...auth }, originalKey: original.key };
    const thread = await this.findThread(mail, envelope);
    // "On … wrote:" and our own message under it, nothing else: stored, it would read as the customer's words and act as their reply.
    if (thread && mail.quotedOnly && mail.files.length === 0) {
      const reason = quotedOnlyReason(thread.ticket.code);
      return held ? { outcome: 'refused', refusal: 'quoted_only', reason: reason.text } : this.set(record, 'ignored', reason);
    }
    try {
      if (thread && (await this.continueThread(mail, record, auth, thread, held))) return TAKEN;
      await this.openTicket(mail, record, auth, thread?.ticket ?? null, held);
      return TAKEN;
    } catch (error) {
      if (error instanceof MailAlreadyTaken) return TAKEN;
      if (error instanceof HeldMailGone) return { outcome: 'refused', refusal: error.refusal, reason: error.message };
      if (!(error instanceof CustomerBeingErased)) throw error;
      // The erasure was queued since the first question: the original just stored goes too (where no row names its bytes).
      if (!held) await this.erasures.deleteFilesNoLongerNeeded([original.key], [], [], this.deleteBytes);
      return this.waitForErasure(held);
    }
  }

  /** A held mail's take-in is refused as erased; any other mail comes again once the erasure is done. */
  private waitForErasure(held: HeldMail | null): HeldTakeInOutcome {
    if (held) return { outcome: 'refused', refusal: 'erased', reason: "its sender's customer data is being erased, or that of the customer whose ticket it answers" };
    throw new MailWaitsForErasure();
  }

  /** Bytes stored again after the check (the same mail come in again meanwhile) are that mail's, and stay. */
  private readonly deleteBytes = (key: string, checked: Date) => this.storage.delete(key, { unlessWrittenSince: checked });

  /**
   * The ticket a mail continues, by the first rule that finds one: its reply address among the
   * recipients, one of the conversation's Message-IDs in In-Reply-To/References, or the subject's
   * code, which counts only from the ticket's own customer (a code is easy to copy).
   */
  private async findThread(mail: ReadMail, envelope: MailEnvelope): Promise<FoundThread | null> {
    const recipients = [...envelope.recipients, ...mail.to.map((a) => a.address), ...mail.cc.map((a) => a.address)];
    for (const address of recipients) {
      const code = this.identities.codeIn(address);
      const ticket = code ? await this.threads.ticketForCode(code) : null;
      if (ticket) return { ticket, via: 'reply_address' };
    }
    const ids = [...mail.inReplyTo, ...[...mail.references].reverse()];
    const byId = await this.threads.ticketForMessageIds(ids);
    if (byId) return { ticket: byId, via: 'message_id' };
    const code = ticketCodeInSubject(mail.subject);
    const bySubject = code ? await this.threads.ticketForCode(code) : null;
    if (bySubject && isCustomersOwn(bySubject, mail)) return { ticket: bySubject, via: 'subject_code' };
    return null;
  }

  /** False when the ticket is past reopening: the mail then opens a new ticket linked to it. */
  private async continueThread(mail: ReadMail, record: InboundMailRecord, auth: MailAuthentication, thread: FoundThread, held: HeldMail | null): Promise<boolean> {
    const { ticket } = thread;
    const customer: CustomerIdentity = { id: ticket.customer.id, name: ticket.customer.name };
    // Someone other than the ticket's customer (a forwarded reply, a stranger) is recorded for the owner to judge, like a failed DMARC;
    // someone the customer copied on the ticket, answering all, speaks for the customer's side (asked only of another sender).
    const fromCustomer = isCustomersOwn(ticket, mail);
    // Only a sender proved by DMARC (or aligned DKIM): with no verdict, anyone could write as a copied colleague.
    const fromCopied = !fromCustomer && !mail.severalAuthors && provedSender(auth) && mail.from !== null && (await this.copied.isCopied(ticket.id, mail.from.address));
    const verified = (fromCustomer || fromCopied) && auth.dmarc !== 'fail';
    const messageId = randomUUID();
    const prepared = await this.prepareFiles(mail, ticket.id);
    let files = prepared;
    const result = await this.writer.changeAsCustomer(
      ticket.id,
      async (ctx) => {
        if (!mailContinuesTicket(ctx.ticket, ctx.now, ctx.windows)) return null;
        // Under the ticket's lock, before the event lists them: a message that added files since they
        // were prepared may have left no room for some, which are then refused and recorded as such.
        files = await this.attachments.fitToTicket(ctx.tx, ticket.id, prepared);
        return receiveCustomerMail(
          ctx.ticket,
          customer,
          { messageId, body: bodyOf(mail, { inThread: true }), from: mail.from?.address ?? '', verified, copiedPerson: fromCopied, attachments: refsOf(files), filesNotAttached: files.refused, takenInBy: held?.takenInBy },
          ctx.now,
          ctx.sla,
          ctx.windows,
        );
      },
      async (tx, events) => {
        const seq = events.find((e) => e.type === 'customer_replied')?.seq;
        if (seq === undefined) throw new Error('A customer mail is recorded by its customer_replied event');
        await this.recordTaken(tx, { ...record, outcome: 'continued', reason: refusedFilesNote(files), refusedFiles: files.refused, ticketId: ticket.id, messageRef: messageId, verified: verifiedFlag(auth, fromCustomer || fromCopied) }, held);
        // Whom the customer copies now is copied on our answers too; only a mail proved theirs copies anyone in (a forger would copy themselves).
        if (fromCustomer && provedSender(auth)) await this.copied.addWithin(tx, ticket.id, this.peopleCopiedBy(mail, [ticket.customer.email ?? '', ...ticket.customer.mergedEmails]));
        await this.attachments.attachFiles(tx, { ticketId: ticket.id, eventSeq: seq, messageId, visibility: 'public', addedBy: { type: 'customer', id: customer.id } }, files);
      },
      // Mails taken side by side share a transaction (one commit a group); a failing one is retried alone. A held mail goes alone,
      // asking first (customers before tickets) whether its sender is being erased.
      { shareCommit: !held, first: held ? (tx) => this.refuseWhileSenderIsErased(tx, mail) : undefined },
    );
    return result.events.length > 0;
  }

  /** `earlier`: the ticket the mail answers, past reopening; the new one is linked to it as a repeat contact. */
  private async openTicket(mail: ReadMail, record: InboundMailRecord, auth: MailAuthentication, earlier: ThreadTicket | null, held: HeldMail | null): Promise<void> {
    const repeatOfTicketId = earlier?.id ?? null;
    const id = randomUUID();
    const from = mail.from!;
    const files = await this.prepareFiles(mail, null);
    const verified = verifiedFlag(auth, !mail.severalAuthors);
    const customer = { name: cutText(singleLineText(from.name ?? from.address.slice(0, from.address.indexOf('@'))), 120) || from.address, email: from.address, locale: mail.locale };
    await this.writer.open(async (tx, now) => {
      const opened = await this.opening.openWithin(tx, now, {
        id,
        trackingTokenHash: this.tokens.hash(this.tokens.forTicket(id)),
        // An answer to one of our mails about the earlier ticket ("Re: [FH-…] <its subject>")
        // is about what that ticket was about; a subject of the customer's own stays theirs.
        // (An erased ticket's subject is gone: the mail's own is used then.)
        subject: earlier && earlier.subject !== ERASED_TEXT && ticketCodeInSubject(mail.subject) ? cutText(earlier.subject, SUBJECT_MAX) : subjectOf(mail),
        description: bodyOf(mail),
        customer,
        agent: null,
        channel: 'email',
        teamId: this.teamsByMailbox.get(record.mailbox) ?? null,
        repeatOfTicketId,
        attachments: refsOf(files),
        unverifiedSender: verified === false,
        filesNotAttached: files.refused,
        takenInBy: held?.takenInBy,
      });
      await this.recordTaken(tx, { ...record, outcome: 'opened', reason: refusedFilesNote(files), refusedFiles: files.refused, ticketId: id, verified }, held);
      // Only a mail proved to be its sender's copies anyone in: a forger copying themselves would get the owner's answers.
      if (verified === true) await this.copied.addWithin(tx, id, this.peopleCopiedBy(mail, []));
      await this.attachments.attachFiles(tx, { ticketId: id, eventSeq: opened.events[0].seq, messageId: null, visibility: 'public', addedBy: { type: 'customer', id: opened.customer.id } }, files);
      return opened;
    }, { shareCommit: !held, customer });
  }

  /**
   * A held mail's take-in loses to an erasure of its sender queued or running: the API refuses to ask
   * for one then, and one that continues a ticket asks again here, in the ticket's transaction under
   * the sender's records' locks, for a take-in asked just before the erasure was (an opening asks
   * under the customer's lock, in TicketOpening; the ticket's own customer is asked under its lock).
   */
  private async refuseWhileSenderIsErased(tx: EntityManager, mail: ReadMail): Promise<void> {
    const from = mail.from?.address;
    if (from && (await this.takeIns.senderBeingErased(from, tx))) throw new HeldMailGone('erased', "its sender's customer data is being erased");
  }

  /** Who the mail copied, besides its sender, the customer and us. */
  private peopleCopiedBy(mail: ReadMail, customerAddresses: readonly string[]): CopiedPerson[] {
    return copiedOnMail(mail, (address) => this.identities.isOwn(address), customerAddresses);
  }

  /**
   * The mail's record (which puts its Message-ID in the ticket's thread), in the ticket's
   * transaction; a second taker rolls back. A held mail's own record becomes it, only while it holds
   * the original read: erased meanwhile, the ticket rolls back too.
   */
  private async recordTaken(tx: EntityManager, record: InboundMailRecord, held: HeldMail | null): Promise<void> {
    if (!held) {
      if (!(await this.log.record(record, tx))) throw new MailAlreadyTaken();
      return;
    }
    const taken = await this.log.recordTakenIn(held.mailId, held.originalKey, record, tx);
    if (taken === 'taken_elsewhere') throw new MailAlreadyTaken();
    if (taken !== 'recorded') throw new HeldMailGone(taken);
  }

  /**
   * Held back (the sender's rate, or noise), for a supervisor to take in if a person wrote it: the
   * original and its envelope are kept while the sender's mails of the hour stay under twice the
   * limit, so a flood is recorded without filling the disk.
   */
  private async hold(raw: Buffer, envelope: MailEnvelope, base: InboundMailRecord, sentInTheHour: number, heldFor: HeldFor, outcome: 'ignored' | 'quarantined', reason: UnticketedReason): Promise<InboundMailOutcome> {
    const limit = this.config.mail.perSenderPerHour;
    if (!keepsHeldOriginal(sentInTheHour, limit)) {
      return this.set({ ...base, heldFor }, outcome, { ...reason, text: `${reason.text}; original not kept (${2 * limit} or more mails from this sender in an hour), so it cannot be taken in` });
    }
    const original = await this.storage.put(raw);
    const { source, recipients, mailFrom, remoteAddress, helo } = envelope;
    return this.set({ ...base, heldFor, heldEnvelope: { source, recipients, mailFrom, remoteAddress, helo }, originalKey: original.key }, outcome, reason);
  }

  /** A bounce of one of our notifications marks it failed; no ticket, no answer (that is how loops start). */
  private async bounced(mail: ReadMail, base: InboundMailRecord): Promise<InboundMailOutcome> {
    const original = mail.bounce?.originalMessageId;
    const failed = original ? await this.notifications.markBounced(original, mail.bounce?.recipients ?? [], `bounced: ${mail.bounce?.status ?? 'undeliverable'}`, this.clock.now()) : null;
    if (failed) await this.live.notificationFailed({ ...failed, status: 'failed' }).catch((e: Error) => this.logger.warn(`Bounce not pushed to supervisors: ${e.message}`));
    // A copied person's address that does not exist (a permanent 5.x.x failure) is no longer copied: each later answer would bounce again.
    if (failed && failed.recipientType === 'customer' && mail.bounce?.status?.startsWith('5')) await this.copied.remove(failed.ticketId, failed.address);
    return this.set(base, 'ignored', bounceReason(failed?.id ?? null));
  }

  /** The mail's files sniffed and fitted to the limits; the ones past MAIL_MAX_FILES, never read, join the refused by name. */
  private async prepareFiles(mail: ReadMail, ticketId: string | null): Promise<PreparedFiles> {
    const prepared = await this.attachments.prepareFiles(mail.files.map(toIncomingFile), ticketId);
    if (mail.filesLeftOut.count === 0) return prepared;
    const reason = `more than ${this.config.mail.maxFiles} files in one mail`;
    const named = mail.filesLeftOut.names.map((filename) => ({ filename, reason, why: 'count' as const }));
    const unnamed = mail.filesLeftOut.count - named.length;
    // The rest are counted, not named: the customer and the owner learn how many more there were.
    const rest = unnamed > 0 ? [{ filename: '', reason: `${unnamed} more files, unnamed: ${reason}`, why: 'count' as const, unnamed }] : [];
    return { ...prepared, refused: [...prepared.refused, ...named, ...rest] };
  }

  private async set(base: InboundMailRecord, outcome: 'ignored' | 'quarantined', reason: UnticketedReason): Promise<InboundMailOutcome> {
    await this.log.record({ ...base, outcome, reason: reason.text, reasonKind: reason.kind });
    if (outcome === 'quarantined') this.logger.warn(`Mail ${base.messageId ?? base.dedupKey} from ${base.fromAddress ?? 'nobody'} quarantined: ${reason.text}`);
    return TAKEN;
  }

  /**
   * Where a mail came in (its mailbox `imap:<name>`, or for the SMTP listener the one of MAIL_ADDRESSES
   * it was sent to, `smtp:<address>`, else `smtp`) and the address of ours that is (the one its
   * ticket is answered from), for the agent to see which brand the customer wrote to.
   */
  private cameInAt(envelope: MailEnvelope, headerRecipients: readonly string[] = []): Pick<InboundMailRecord, 'mailbox' | 'ourAddress'> {
    const mailbox = envelope.source === 'smtp' ? this.identities.smtpSourceFor([...envelope.recipients, ...headerRecipients]) : envelope.source;
    const identity = this.identities.forMailbox(mailbox);
    return { mailbox, ourAddress: { address: identity.replyBase, name: identity.name } };
  }

  /** Over the size limit, never downloaded: recorded for an admin with what the mailbox said of it; the mail itself stays in its quarantine folder. */
  async refuseTooLarge(mail: OversizeMail, envelope: MailEnvelope): Promise<void> {
    const refusal = tooLarge(mail.sizeBytes, mail.maxBytes);
    // What the mailbox said of it, unchecked: the same care as for a read mail's headers.
    const storable = (text: string | null) => (text === null ? null : storableText(text));
    const why = unreadableReason(refusal.reason, `${refusal.message} Not downloaded; the mail is in the mailbox's quarantine folder.`);
    await this.log.record({
      dedupKey: `unread:${storableText(mail.mailboxKey)}`,
      ...this.cameInAt(envelope),
      messageId: storable(mail.messageId),
      fromAddress: storable(mail.fromAddress),
      subject: storable(mail.subject),
      sizeBytes: mail.sizeBytes,
      outcome: 'quarantined',
      reason: why.text,
      reasonKind: why.kind,
      originalKey: null,
    });
    this.logger.warn(`Mail via ${envelope.source} refused unread (${refusal.reason}): ${refusal.message}`);
  }

  /** Unreadable or over a limit: the bytes are kept (within the size limit) for an admin to look at, with the reason. */
  private async quarantineUnreadable(raw: Buffer, envelope: MailEnvelope, error: MailRefused): Promise<void> {
    const keep = raw.length <= this.config.mail.maxBytes;
    const original = keep ? await this.storage.put(raw) : null;
    const why = unreadableReason(error.reason, error.message);
    await this.log.record({
      dedupKey: `sha256:${createHash('sha256').update(raw).digest('hex')}`,
      ...this.cameInAt(envelope),
      messageId: null,
      // The header's From, as for a mail that could be read; else (SMTP) the envelope's sender.
      fromAddress: fromAddressInHeader(raw) ?? (envelope.mailFrom ? storableText(envelope.mailFrom) : null),
      subject: null,
      sizeBytes: raw.length,
      outcome: 'quarantined',
      // The message can quote the mail (a charset's name): stored as any of its text is.
      reason: cutText(storableText(why.text), 500),
      reasonKind: why.kind,
      originalKey: original?.key ?? null,
    });
    this.logger.warn(`Mail via ${envelope.source} refused (${error.reason}): ${error.message}`);
  }

  private async authenticate(raw: Buffer, envelope: MailEnvelope): Promise<MailAuthentication> {
    try {
      return await authenticateMail(raw, { remoteAddress: envelope.remoteAddress, helo: envelope.helo, mailFrom: envelope.mailFrom }, this.resolver);
    } catch (error) {
      // A DNS outage is no verdict on the sender: recorded as a temporary error, treated as unknown.
      this.logger.warn(`Sender checks failed: ${(error as Error).message}`);
      return { dkim: 'temperror', spf: 'temperror', dmarc: 'temperror', fromVerified: false };
    }
  }
}

function toIncomingFile(file: ReadMail['files'][number]) {
  return { filename: file.filename, bytes: file.bytes, declaredType: file.contentType };
}

/** Files the mail carried that were not kept (a lying extension, an executable, over a limit), in words for admins; the record's `refusedFiles` holds them as data. */
function refusedFilesNote(files: PreparedFiles): string | null {
  if (files.refused.length === 0) return null;
  const unnamed = files.refused.find((r) => r.unnamed)?.unnamed;
  // The count goes first: a long list is cut at the end.
  const more = unnamed ? `${unnamed} more files past the mail's limit, unnamed; ` : '';
  return cutText(`files refused: ${more}${files.refused.filter((r) => !r.unnamed).map((r) => `${r.filename} (${r.reason})`).join('; ')}`, 2000);
}

function refsOf(files: PreparedFiles) {
  return files.accepted.map((a) => a.view);
}

/** true: DMARC (or aligned DKIM) passed; false: it failed, or the sender is not the ticket's customer; null: no verdict (no policy, DNS down). */
function verifiedFlag(auth: MailAuthentication, fromCustomer: boolean): boolean | null {
  if (!fromCustomer || auth.dmarc === 'fail') return false;
  return provedSender(auth) ? true : null;
}

/** DMARC passed (or an aligned DKIM signature where the domain publishes none): the From is its writer's, not just not disproved. */
function provedSender(auth: MailAuthentication): boolean {
  return auth.fromVerified && auth.dmarc !== 'fail';
}

function subjectOf(mail: ReadMail): string {
  const subject = singleLineText(mail.subject);
  return cutText(subject.length >= 3 ? subject : `${subject || '(no subject)'}`.padEnd(3, '.'), SUBJECT_MAX);
}

/** In a thread, a mail with only quoted history (and files) has no text of its own: the quote is not the customer's. */
function bodyOf(mail: ReadMail, { inThread = false } = {}): string {
  const own = inThread && mail.quotedOnly ? '' : mail.newText.trim() || mail.fullText.trim();
  const text = cutText(own || '(empty message)', BODY_MAX);
  // A reply that quotes our message quotes the customer's tracking link: keep its token out of the database.
  return withoutTrackingTokens(text);
}

/** From the ticket's customer alone: their own address (or one kept on a record merged into theirs), and no other author beside it. */
function isCustomersOwn(ticket: ThreadTicket, mail: ReadMail): boolean {
  const address = mail.from?.address;
  if (!address || mail.severalAuthors) return false;
  return ticket.customer.email?.toLowerCase() === address || ticket.customer.mergedEmails.includes(address);
}
