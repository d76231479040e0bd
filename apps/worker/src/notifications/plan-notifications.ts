import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { trackingLink, TrackingTokenCodec } from '@firsthand/access';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import {
  agentNoticesFor,
  copiedOn,
  customerProgressFor,
  customerResolution,
  emailsCustomerProgress,
  emailsAgentNotice,
  handlingAgentName,
  isIntegrationEvent,
  judgeSms,
  replyAwaitsCustomer,
  replyClaimedTicket,
  replyReopenedTicket,
  sendsSms,
  smsDestination,
  toIntegrationTimelineEntry,
  type AgentNotice,
  type CopiedPerson,
  type CustomerProgressKind,
  type FileNotAttached,
  type Locale,
  type SmsBudgets,
  type Ticket,
  type TicketEvent,
} from '@firsthand/domain';
import { addresseesPayload, mailThreadIdFor, renderAgentNotice, renderCustomerProgress, type AgentNoticeVars, type CustomerProgressVars, type NotificationSite, type RenderedEmail } from '@firsthand/notifications';
import {
  BotAnswers,
  NotificationAudience,
  NotificationStore,
  type AgentRecipient,
  type BotAnswer,
  type CommittedEvent,
  type CustomerRecipient,
  type EndpointRecipient,
  type MailThreadPlace,
  type NotificationToSend,
  type PlannedNotification,
  type SendLease,
  type SmsCounts,
  type StoredTicketEvent,
  type WaitingNotification,
} from '@firsthand/persistence';
import { JobName } from '@firsthand/queue-contracts';
import { liveAgentNotice, unverifiedSender } from './live-agent-notice.js';
import { CommittedEventsPublisher } from '@firsthand/ticketing';
import { JobProducer } from '../queues/job-producer.js';

const HOUR_MS = 3_600_000;

interface RenderedAgentNotice {
  agent: AgentRecipient;
  kind: AgentNotice['kind'];
  rendered: RenderedEmail;
}

/** One event's notifications, rendered and not yet stored. With a customer SMS due, all of them are planned once the SMS budgets are counted (`sms.plan`). */
interface PreparedEvent {
  committed: CommittedEvent & { ticket: Ticket };
  agentNotices: RenderedAgentNotice[];
  planned: PlannedNotification[];
  sms: { customerId: string; destination: NonNullable<ReturnType<typeof smsDestination>>; plan: (usage: SmsCounts) => PlannedNotification[] } | null;
}

const toStore = (prepared: readonly PreparedEvent[]) => prepared.map(({ committed, planned }) => ({ event: committed.event, planned }));

/**
 * Turns committed events into the notifications they owe: a progress message to the customer (in
 * their locale, by email and, for milestones, SMS), notices to the agents concerned (email, and at
 * once in their live stream), and the event to every webhook endpoint. Each is rendered once and
 * stored under a key of event x recipient x channel, so planning an event twice adds nothing; the
 * stored ones still waiting are then handed to the delivery queue.
 */
@Injectable()
export class PlanNotifications {
  private readonly logger = new Logger(PlanNotifications.name);
  private readonly site: NotificationSite;
  private readonly smsBudgets: SmsBudgets;
  /** For the slot a customer message's links carry until they are sent (never the token). */
  private readonly tokens: TrackingTokenCodec;

  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly notifications: NotificationStore,
    private readonly audience: NotificationAudience,
    private readonly producer: JobProducer,
    private readonly live: CommittedEventsPublisher,
    private readonly botAnswers: BotAnswers,
  ) {
    this.site = { publicBaseUrl: config.publicBaseUrl, timeZone: config.notifications.timeZone };
    this.tokens = new TrackingTokenCodec(config.secret);
    const n = config.notifications;
    this.smsBudgets = {
      perCustomerPerHour: n.smsPerCustomerPerHour,
      perNumberPerHour: n.smsPerNumberPerHour,
      perCountryPerHour: n.smsPerCountryPerHour,
      perHour: n.smsPerHour,
      allowedPrefixes: n.smsAllowedPrefixes,
      homePrefix: n.smsHomePrefix,
    };
  }

  /**
   * Stores the events' notifications and takes the new sends for the caller under `lease`: it sends
   * them itself (`taken`), without a round through the delivery queue. Ones an earlier run of the
   * same events left waiting are handed to the delivery queue, and so are the new ones when `lease`
   * is null (this process does not deliver: WORKER_ROLES without `deliveries`). `waiting` counts
   * both. The events' outbox rows go with their notifications, in one statement for all but those
   * with a customer SMS (each stored in its own transaction, counting the SMS budgets); the events that owe none
   * are returned (`owingNothing`) for the caller to clear. An event that could not be rendered is
   * left out and returned in `failures`; the others are stored all the same.
   */
  async forEvents(
    events: ReadonlyArray<CommittedEvent & { ticket: Ticket }>,
    lease: SendLease | null,
  ): Promise<{ waiting: number; taken: NotificationToSend[]; owingNothing: string[]; failures: Error[] }> {
    const owingNothing: string[] = [];
    const failures: Error[] = [];
    const prepared: PreparedEvent[] = [];
    const promisedNow = new Set<string>();
    for (const committed of events) {
      try {
        const owed = await this.prepare(committed, promisedNow);
        if (owed) prepared.push(owed);
        else owingNothing.push(committed.event.id);
      } catch (error) {
        failures.push(new Error(`event ${committed.event.id}: ${(error as Error).message}`, { cause: error }));
      }
    }
    const outcomes = [await this.notifications.planAll(toStore(prepared.filter((p) => !p.sms)), lease, true)];
    for (const { committed, sms } of prepared) {
      if (!sms) continue;
      outcomes.push(await this.notifications.planCountingSms(committed.event, sms.customerId, sms.destination, new Date(Date.now() - HOUR_MS), sms.plan, lease, true));
    }
    await this.pushAgentNotices(prepared);
    const taken = outcomes.flatMap((o) => o.taken);
    const earlier = outcomes.flatMap((o) => o.earlier);
    await this.handOver(earlier);
    return { waiting: taken.length + earlier.length, taken, owingNothing, failures };
  }

  /** What one event owes, rendered; null when it owes nothing. */
  private async prepare(committed: CommittedEvent & { ticket: Ticket }, promisedNow: Set<string>): Promise<PreparedEvent | null> {
    const { event, ticket, sameAction } = committed;
    const notices = agentNoticesFor(event, ticket);
    const said = customerProgressFor(event, ticket, sameAction);
    // The automatic answer carries the article as sent; should its record be gone, the customer still hears their issue arrived.
    const answer = said === 'automatic_answer' ? await this.botAnswers.forTicket(ticket.id) : null;
    let kind = said === 'automatic_answer' && !answer ? 'received' : said;
    // The next-update promise is told once between two of our updates: a customer writing three
    // times before we answer has it already, unchanged (they got three identical mails). One that
    // also says the issue is open again is news all the same.
    if (kind === 'next_update') {
      const told = !replyReopenedTicket(event, sameAction) && (promisedNow.has(ticket.id) || (await this.notifications.promiseToldSince(ticket.id, ticket.lastCustomerVisibleUpdateAt)));
      if (told) kind = null;
      else promisedNow.add(ticket.id);
    }
    const endpoints = isIntegrationEvent(event);
    if (notices.length === 0 && !kind && !endpoints) return null;
    const audience =
      notices.length === 0
        ? { ...committed.audience, agents: [], endpoints: endpoints ? committed.audience.endpoints : [] }
        : await this.audience.of({ customerId: ticket.customerId, ownerId: ticket.ownerId, agentIds: notices.map((n) => n.agentId), endpoints });
    const names = { customerName: audience.customerName, ownerName: audience.ownerName };
    // Times are stated in the zone of the team's business calendar, where the team keeps its hours (else NOTIFY_TIME_ZONE).
    const site: NotificationSite = { ...this.site, timeZone: committed.teamZone ?? this.site.timeZone };
    const agentNotices = audience.agents.map((agent) => {
      const { kind: noticeKind } = notices.find((n) => n.agentId === agent.id)!;
      return { agent, kind: noticeKind, rendered: renderAgentNotice(noticeKind, agent.locale, agentVars(noticeKind, event, ticket, names), site) };
    });
    const others = [...this.agentEmails(event, ticket, agentNotices), ...this.forEndpoints(event, ticket, audience.endpoints)];
    // Copies of what copied people receive (an agent's reply, the resolution), to a customer with an address.
    const copied = kind && copiedOn(kind) && audience.customer?.email ? committed.copiedPeople : [];
    const customer = kind && audience.customer ? this.forCustomer(kind, committed, audience.customer, audience.ownerName, answer, site, copied) : null;
    const sms = customer?.sms
      ? { customerId: customer.customerId, destination: customer.sms, plan: (usage: SmsCounts) => [...customer.plan(usage), ...others] }
      : null;
    return { committed, agentNotices, planned: sms ? [] : [...(customer?.plan(null) ?? []), ...others], sms };
  }

  /** An earlier run stored these and did not get to send them: its worker died, or Redis lost their jobs. */
  private async handOver(earlier: WaitingNotification[]): Promise<void> {
    const jobs = earlier
      .filter((n) => n.status === 'sending' || n.attempts === 0)
      .map((n) => ({ name: JobName.DeliverNotification, data: { notificationId: n.id, attempt: Math.max(1, n.attempts), round: n.retryRound } }));
    if (jobs.length > 0) await this.producer.addBulk(jobs);
  }

  /** The customer's progress message, and how to plan it once the SMS of the last hour are counted (when an SMS is due: `sms` says where to). */
  private forCustomer(
    kind: CustomerProgressKind,
    { event, ticket, sameAction, mailThread }: CommittedEvent & { ticket: Ticket },
    customer: CustomerRecipient,
    ownerName: string | null,
    answer: BotAnswer | null,
    site: NotificationSite,
    copied: readonly CopiedPerson[],
  ) {
    // The stored message holds its event's slot, not the token: DeliverNotification fills it in as it sends.
    const link = trackingLink(this.config.publicBaseUrl, ticket.code, this.tokens.slotFor(ticket.id, event.id));
    const vars = this.customerVars(kind, { event, ticket, sameAction }, ownerName, answer);
    const answering = answersMail(event, mailThread);
    const rendered = renderCustomerProgress(kind, customer.locale, vars, site, link, { answering });
    const base = {
      ticketId: ticket.id,
      eventId: event.id,
      kind,
      recipientType: 'customer' as const,
      recipientId: customer.id,
      recipientName: customer.name,
      locale: customer.locale,
      payload: null,
      maxAttempts: this.config.notifications.maxAttempts,
    };
    const sms = customer.phone !== null && sendsSms(kind, customer.email !== null) ? smsDestination(customer.phone, this.smsBudgets) : null;
    const plan = (usage: SmsCounts | null): PlannedNotification[] => {
      const planned: PlannedNotification[] = [];
      if (customer.email && emailsCustomerProgress(event, sameAction)) {
        const id = randomUUID();
        const copies = copied.filter((p) => p.address !== customer.email!.toLowerCase());
        planned.push({
          ...base,
          id,
          mailThreadId: mailThreadIdFor(id),
          dedupeKey: `${event.id}:customer:${customer.id}:email`,
          channel: 'email',
          address: customer.email,
          subject: rendered.subject,
          textBody: rendered.text,
          htmlBody: rendered.html,
          ...this.unlessMissing(this.config.notifications.smtpUrl, 'email is not configured (SMTP_URL)'),
        });
        if (copies.length > 0) planned.push(...this.copiesFor(kind, base, customer, vars, site, copies, answering));
      }
      if (sms && usage) {
        // The budgets first: a refused SMS is recorded as refused even where SMS is not configured.
        const verdict = judgeSms(sms, usage, this.smsBudgets);
        planned.push({
          ...base,
          id: randomUUID(),
          dedupeKey: `${event.id}:customer:${customer.id}:sms`,
          channel: 'sms',
          address: sms.number,
          subject: '',
          textBody: rendered.sms,
          htmlBody: null,
          ...(verdict.status === 'pending'
            ? this.unlessMissing(this.config.notifications.smsGatewayUrl, 'SMS is not configured (SMS_GATEWAY_URL)')
            : { status: verdict.status, lastError: verdict.reason }),
        });
      }
      return planned;
    };
    return { customerId: customer.id, sms, plan };
  }

  /**
   * Each copied person's email of a customer message: the same words, headers naming the customer
   * and everyone copied, first why they get it, and nothing that only the customer can do (the
   * tracking page, which their token opens, reopening, the rating). The customer's own email names nobody
   * in Cc: a "reply all" from it would hand everyone the link with the customer's token.
   */
  private copiesFor(
    kind: CustomerProgressKind,
    base: Omit<PlannedNotification, 'id' | 'dedupeKey' | 'channel' | 'address' | 'subject' | 'textBody' | 'htmlBody' | 'status' | 'lastError'>,
    customer: CustomerRecipient,
    vars: CustomerProgressVars[CustomerProgressKind],
    site: NotificationSite,
    copies: readonly CopiedPerson[],
    answering: boolean,
  ): PlannedNotification[] {
    const payload = addresseesPayload({ to: { address: customer.email!, name: customer.name }, cc: copies.map((p) => ({ address: p.address, name: p.name })) });
    const copy = renderCustomerProgress(kind, customer.locale, vars, site, undefined, { copy: true, answering });
    return copies.map((person) => {
      const id = randomUUID();
      return {
        ...base,
        recipientName: person.name ?? '',
        payload,
        id,
        mailThreadId: mailThreadIdFor(id),
        dedupeKey: `${base.eventId}:customer:${customer.id}:email:copy:${person.address}`,
        channel: 'email' as const,
        address: person.address,
        subject: copy.subject,
        textBody: copy.text,
        htmlBody: copy.html,
        ...this.unlessMissing(this.config.notifications.smtpUrl, 'email is not configured (SMTP_URL)'),
      };
    });
  }

  private customerVars(
    kind: CustomerProgressKind,
    { event, ticket, sameAction }: { event: TicketEvent; ticket: Ticket; sameAction: readonly TicketEvent[] },
    ownerName: string | null,
    answer: BotAnswer | null,
  ): CustomerProgressVars[CustomerProgressKind] {
    const common = { ticketCode: ticket.code, subject: ticket.subject, agentName: handlingAgentName(event) ?? ownerName ?? '' };
    switch (kind) {
      case 'agent_replied': {
        const replyBody = event.type === 'agent_replied' ? event.payload.body : '';
        return { ...common, replyBody, claimedTicket: replyClaimedTicket(event), awaitingReply: replyAwaitsCustomer(event, sameAction) };
      }
      case 'next_update':
        return { ...common, agentName: ownerName ?? common.agentName, nextUpdateAt: ticket.nextUpdateDueAt ?? new Date(), reopened: replyReopenedTicket(event, sameAction) };
      case 'resolved':
        return { ...common, alreadyRated: ticket.csatRating !== null, resolution: event.type === 'status_changed' ? customerResolution(event.payload.resolution) : null };
      case 'closed':
        return { ticketCode: ticket.code, subject: ticket.subject };
      case 'reopened':
        return { ...common, nextUpdateAt: ticket.nextUpdateDueAt };
      case 'received':
        return { ticketCode: ticket.code, subject: ticket.subject, firstResponseBy: ticket.firstResponseDueAt ?? ticket.createdAt, filesNotAttached: filesNotAttachedOf(event) };
      case 'files_not_attached':
        return { ticketCode: ticket.code, subject: ticket.subject, files: filesNotAttachedOf(event) };
      case 'automatic_answer':
        return {
          ticketCode: ticket.code,
          subject: ticket.subject,
          firstResponseBy: ticket.firstResponseDueAt ?? ticket.createdAt,
          answer: { title: answer?.title ?? '', html: answer?.html ?? '', locale: answer?.locale ?? 'en' },
        };
      default:
        return common;
    }
  }

  private agentEmails(event: StoredTicketEvent, ticket: Ticket, notices: RenderedAgentNotice[]): PlannedNotification[] {
    return notices
      .filter(({ kind }) => emailsAgentNotice(kind, ticket))
      .map(({ agent, kind, rendered }) => ({
        id: randomUUID(),
        dedupeKey: `${event.id}:agent:${agent.id}:email`,
        ticketId: ticket.id,
        eventId: event.id,
        kind,
        recipientType: 'agent' as const,
        recipientId: agent.id,
        recipientName: agent.name,
        channel: 'email' as const,
        address: agent.email,
        locale: agent.locale,
        subject: rendered.subject,
        textBody: rendered.text,
        htmlBody: rendered.html,
        payload: null,
        maxAttempts: this.config.notifications.maxAttempts,
        ...this.unlessMissing(this.config.notifications.smtpUrl, 'email is not configured (SMTP_URL)'),
      }));
  }

  private forEndpoints(event: StoredTicketEvent, ticket: Ticket, endpoints: EndpointRecipient[]): PlannedNotification[] {
    if (!isIntegrationEvent(event)) return [];
    const entry = toIntegrationTimelineEntry(event);
    const payload = {
      type: `ticket.${event.type}`,
      occurredAt: event.createdAt.toISOString(),
      data: { ticketId: ticket.id, ticketCode: ticket.code, status: ticket.status, event: entry },
    };
    return endpoints.map((endpoint) => ({
      id: randomUUID(),
      dedupeKey: `${event.id}:endpoint:${endpoint.id}:webhook`,
      ticketId: ticket.id,
      eventId: event.id,
      kind: event.type,
      recipientType: 'endpoint' as const,
      recipientId: endpoint.id,
      recipientName: endpoint.description || endpoint.url,
      channel: 'webhook' as const,
      address: endpoint.url,
      locale: 'en',
      subject: payload.type,
      textBody: JSON.stringify(payload.data),
      htmlBody: null,
      payload,
      status: 'pending' as const,
      lastError: null,
      maxAttempts: this.config.notifications.maxAttempts,
    }));
  }

  /** Live notices are a courtesy on top of the stored email (where there is one): a Redis hiccup loses only the pop-up. */
  private async pushAgentNotices(prepared: readonly PreparedEvent[]): Promise<void> {
    const live = prepared.flatMap(({ committed: { event, ticket }, agentNotices }) =>
      agentNotices.map(({ agent, kind, rendered }) => ({ agentId: agent.id, notice: liveAgentNotice(event, ticket, agent.id, kind, rendered.subject) })),
    );
    if (live.length === 0) return;
    await this.live.notifyAgents(live).catch((error: Error) => this.logger.warn(`Live notices not pushed: ${error.message}`));
  }

  private unlessMissing(setting: string | null, reason: string): { status: 'pending' | 'suppressed'; lastError: string | null } {
    return setting ? { status: 'pending', lastError: null } : { status: 'suppressed', lastError: reason };
  }
}

/**
 * Whether a customer's email answers something (its subject says "Re:"): every one after the first
 * does; the first (the acknowledgement or the bot's answer, told for the opening, before which
 * nothing is sent) only when the customer's own mail opened the ticket and is in its thread.
 */
function answersMail(event: TicketEvent, mailThread: MailThreadPlace | null): boolean {
  if (event.type !== 'created' && event.type !== 'bot_answered') return true;
  return mailThread?.lastInbound != null;
}

/** The files a customer's mail carried that were refused, as its event records them. */
function filesNotAttachedOf(event: TicketEvent): FileNotAttached[] {
  return (event.type === 'created' || event.type === 'customer_replied' ? event.payload.filesNotAttached : undefined) ?? [];
}

function agentVars(
  kind: AgentNotice['kind'],
  event: TicketEvent,
  ticket: Ticket,
  names: { customerName: string; ownerName: string | null },
): AgentNoticeVars[AgentNotice['kind']] {
  const about = { ticketId: ticket.id, ticketCode: ticket.code, subject: ticket.subject };
  const actorName = event.actor.type === 'system' ? '' : event.actor.name;
  switch (event.type) {
    case 'sla_warning':
      return { ...about, target: event.payload.target, dueAt: new Date(event.payload.dueAt) };
    case 'sla_escalated':
      return { ...about, target: event.payload.target, dueAt: new Date(event.payload.dueAt), stage: event.payload.stage, ownerName: names.ownerName };
    case 'update_reminder':
      return { ...about, dueAt: new Date(event.payload.dueAt) };
    case 'customer_replied':
      return {
        ...about,
        customerName: names.customerName,
        replyBody: event.payload.body,
        ...(event.payload.unverified ? { unverifiedFrom: unverifiedSender(event)! } : {}),
        ...(event.payload.copiedPerson && event.payload.from ? { copiedFrom: event.payload.from } : {}),
      };
    case 'handoff_proposed':
      return { ...about, fromAgentName: actorName, note: event.payload.note };
    case 'handoff_declined':
      return kind === 'handoff_withdrawn' ? { ...about, ownerName: actorName } : { ...about, declinedBy: actorName };
    case 'reassigned':
      return { ...about, supervisorName: actorName, toAgentName: event.payload.toAgentName, reason: event.payload.reason };
    case 'repeat_contact':
      return { ticketId: event.payload.ticketId, ticketCode: event.payload.code, subject: ticket.subject, customerName: names.customerName, earlierTicketCode: ticket.code };
    case 'reopened':
      return { ...about, customerName: names.customerName, reopenCount: event.payload.reopenCount };
    case 'escalation_requested':
      return { ...about, ownerName: actorName, reason: event.payload.reason };
    default:
      throw new Error(`No agent notice for ${kind} from a ${event.type} event`);
  }
}
