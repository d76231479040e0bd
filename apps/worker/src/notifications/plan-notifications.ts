import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TrackingTokenCodec, trackingLink } from '@firsthand/access';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import {
  agentNoticesFor,
  customerProgressFor,
  emailsAgentNotice,
  handlingAgentName,
  isIntegrationEvent,
  sendsSms,
  toCustomerTimelineEntry,
  type AgentNotice,
  type CustomerProgressKind,
  type Locale,
  type Ticket,
  type TicketEvent,
} from '@firsthand/domain';
import { renderAgentNotice, renderCustomerProgress, type AgentNoticeVars, type CustomerProgressVars, type NotificationSite, type RenderedEmail } from '@firsthand/notifications';
import { NotificationStore, WebhookEndpointStore, type PlannedNotification, type StoredTicketEvent } from '@firsthand/persistence';
import { JobName } from '@firsthand/queue-contracts';
import type { AgentNotification } from '@firsthand/realtime-contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { CommittedEventsPublisher } from '@firsthand/ticketing';
import { JobProducer } from '../queues/job-producer.js';

interface CustomerRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  locale: Locale;
}

interface AgentRow {
  id: string;
  name: string;
  email: string;
  locale: Locale;
}

const HOUR_MS = 3_600_000;

interface RenderedAgentNotice {
  agent: AgentRow;
  kind: AgentNotice['kind'];
  rendered: RenderedEmail;
}

/**
 * Turns one committed event into the notifications it owes: a progress message to the customer (in
 * their locale, by email and, for milestones, SMS), notices to the agents concerned (email, and at
 * once in their live stream), and the event to every webhook endpoint. Each is rendered once and
 * stored under a key of event x recipient x channel, so planning an event twice adds nothing; the
 * stored ones still waiting are then handed to the delivery queue.
 */
@Injectable()
export class PlanNotifications {
  private readonly logger = new Logger(PlanNotifications.name);
  private readonly notifications = new NotificationStore();
  private readonly endpoints = new WebhookEndpointStore();
  private readonly tokens: TrackingTokenCodec;
  private readonly site: NotificationSite;

  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly producer: JobProducer,
    private readonly live: CommittedEventsPublisher,
  ) {
    this.tokens = new TrackingTokenCodec(config.secret);
    this.site = { publicBaseUrl: config.publicBaseUrl, timeZone: config.notifications.timeZone };
  }

  /** Returns how many notifications the event has waiting for delivery. */
  async forEvent(event: StoredTicketEvent, ticket: Ticket): Promise<number> {
    const agentNotices = await this.db.transaction(async (em) => {
      const notices = await this.renderAgentNotices(em, event, ticket);
      const planned = [...(await this.forCustomer(em, event, ticket)), ...this.agentEmails(event, ticket, notices), ...(await this.forEndpoints(em, event, ticket))];
      await this.notifications.insertPlanned(em, planned);
      return notices;
    });
    await this.pushAgentNotices(event, ticket, agentNotices);
    const waiting = await this.notifications.waitingForEvent(this.db.manager, event.id);
    const firstAttempts = waiting.filter((n) => n.attempts === 0);
    if (firstAttempts.length > 0) {
      await this.producer.addBulk(
        firstAttempts.map((n) => ({ name: JobName.DeliverNotification, data: { notificationId: n.id, attempt: 1, round: n.retryRound } })),
      );
    }
    return waiting.length;
  }

  private async forCustomer(em: EntityManager, event: StoredTicketEvent, ticket: Ticket): Promise<PlannedNotification[]> {
    const kind = customerProgressFor(event, ticket);
    if (!kind) return [];
    // Locked so that two events planned at once count the same SMS budget.
    const [customer]: CustomerRow[] = await em.query(`SELECT id, name, email, phone, locale FROM customers WHERE id = $1 FOR UPDATE`, [ticket.customerId]);
    if (!customer) return [];
    const ownerName = await this.agentName(em, ticket.ownerId);
    const link = trackingLink(this.config.publicBaseUrl, ticket.code, this.tokens.forTicket(ticket.id));
    const rendered = renderCustomerProgress(kind, customer.locale, this.customerVars(kind, event, ticket, ownerName), this.site, link);
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
    const planned: PlannedNotification[] = [];
    if (customer.email) {
      planned.push({
        ...base,
        id: randomUUID(),
        dedupeKey: `${event.id}:customer:${customer.id}:email`,
        channel: 'email',
        address: customer.email,
        subject: rendered.subject,
        textBody: rendered.text,
        htmlBody: rendered.html,
        ...this.unlessMissing(this.config.notifications.smtpUrl, 'email is not configured (SMTP_URL)'),
      });
    }
    if (customer.phone && sendsSms(kind, customer.email !== null)) {
      const overBudget = (await this.notifications.smsCountSince(em, customer.id, new Date(Date.now() - HOUR_MS))) >= this.config.notifications.smsPerCustomerPerHour;
      planned.push({
        ...base,
        id: randomUUID(),
        dedupeKey: `${event.id}:customer:${customer.id}:sms`,
        channel: 'sms',
        address: customer.phone,
        subject: '',
        textBody: rendered.sms,
        htmlBody: null,
        ...(overBudget
          ? { status: 'suppressed' as const, lastError: `more than ${this.config.notifications.smsPerCustomerPerHour} SMS to this customer in an hour` }
          : this.unlessMissing(this.config.notifications.smsGatewayUrl, 'SMS is not configured (SMS_GATEWAY_URL)')),
      });
    }
    return planned;
  }

  private customerVars(kind: CustomerProgressKind, event: TicketEvent, ticket: Ticket, ownerName: string | null): CustomerProgressVars[CustomerProgressKind] {
    const common = { ticketCode: ticket.code, subject: ticket.subject, agentName: handlingAgentName(event) ?? ownerName ?? '' };
    switch (kind) {
      case 'agent_replied':
        return { ...common, replyBody: event.type === 'agent_replied' ? event.payload.body : '' };
      case 'next_update':
        return { ...common, agentName: ownerName ?? common.agentName, nextUpdateAt: ticket.nextUpdateDueAt ?? new Date() };
      case 'closed':
        return { ticketCode: ticket.code, subject: ticket.subject };
      case 'received':
        return { ticketCode: ticket.code, subject: ticket.subject, firstResponseBy: ticket.firstResponseDueAt ?? ticket.createdAt };
      default:
        return common;
    }
  }

  /** Each agent's notice, rendered once in their language: the email and the live pop-up say the same. */
  private async renderAgentNotices(em: EntityManager, event: StoredTicketEvent, ticket: Ticket): Promise<RenderedAgentNotice[]> {
    const notices = agentNoticesFor(event, ticket);
    if (notices.length === 0) return [];
    const agents: AgentRow[] = await em.query(`SELECT id, name, email, locale FROM agents WHERE active AND id = ANY($1::uuid[])`, [notices.map((n) => n.agentId)]);
    const names = { customerName: await this.customerName(em, ticket.customerId), ownerName: await this.agentName(em, ticket.ownerId) };
    return agents.map((agent) => {
      const { kind } = notices.find((n) => n.agentId === agent.id)!;
      return { agent, kind, rendered: renderAgentNotice(kind, agent.locale, agentVars(kind, event, ticket, names), this.site) };
    });
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

  private async forEndpoints(em: EntityManager, event: StoredTicketEvent, ticket: Ticket): Promise<PlannedNotification[]> {
    if (!isIntegrationEvent(event)) return [];
    const entry = toCustomerTimelineEntry(event);
    const payload = {
      type: `ticket.${event.type}`,
      occurredAt: event.createdAt.toISOString(),
      data: { ticketId: ticket.id, ticketCode: ticket.code, status: ticket.status, event: entry },
    };
    return (await this.endpoints.active(em)).map((endpoint) => ({
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
  private async pushAgentNotices(event: StoredTicketEvent, ticket: Ticket, notices: RenderedAgentNotice[]): Promise<void> {
    if (notices.length === 0) return;
    const about = event.type === 'repeat_contact' ? { ticketId: event.payload.ticketId, ticketCode: event.payload.code } : { ticketId: ticket.id, ticketCode: ticket.code };
    const live = notices.map(({ agent, kind, rendered }) => {
      const notice: AgentNotification = { id: `${event.id}-${agent.id}`, kind, ...about, seq: event.seq, title: rendered.subject, at: event.createdAt.toISOString() };
      return { agentId: agent.id, notice };
    });
    await this.live.notifyAgents(live).catch((error: Error) => this.logger.warn(`Live notices not pushed: ${error.message}`));
  }

  private unlessMissing(setting: string | null, reason: string): { status: 'pending' | 'suppressed'; lastError: string | null } {
    return setting ? { status: 'pending', lastError: null } : { status: 'suppressed', lastError: reason };
  }

  private async agentName(em: EntityManager, id: string | null): Promise<string | null> {
    if (!id) return null;
    const [row] = await em.query(`SELECT name FROM agents WHERE id = $1`, [id]);
    return row?.name ?? null;
  }

  private async customerName(em: EntityManager, id: string): Promise<string> {
    const [row] = await em.query(`SELECT name FROM customers WHERE id = $1`, [id]);
    return row?.name ?? '';
  }
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
      return { ...about, customerName: names.customerName, replyBody: event.payload.body };
    case 'handoff_proposed':
      return { ...about, fromAgentName: actorName, note: event.payload.note };
    case 'reassigned':
      return { ...about, supervisorName: actorName, toAgentName: event.payload.toAgentName, reason: event.payload.reason };
    case 'repeat_contact':
      return { ticketId: event.payload.ticketId, ticketCode: event.payload.code, subject: ticket.subject, customerName: names.customerName, earlierTicketCode: ticket.code };
    default:
      throw new Error(`No agent notice for ${kind} from a ${event.type} event`);
  }
}
