import { Controller, Get, HttpCode, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { TicketNotFound } from '@firsthand/domain';
import type { NotificationPage, NotificationRetryAnswer, TicketNotificationList } from '@firsthand/http-contracts';
import { NotificationLog } from '@firsthand/persistence';
import { JobName } from '@firsthand/queue-contracts';
import { CommittedEventsPublisher } from '@firsthand/ticketing';
import { CurrentAuditScene } from '../audit/audit-scene.decorator.js';
import { AuditTrail, type AuditScene } from '../audit/audit-trail.js';
import { AgentAuthGuard, RequireRoles } from '../auth/agent-auth.guard.js';
import type { AuthenticatedAgent } from '../auth/authenticated-agent.js';
import { CurrentAgent } from '../auth/current-agent.decorator.js';
import { Clock } from '@firsthand/domain';
import { decodeCursor, encodeCursor } from '../http/keyset-cursor.js';
import { HttpProblem } from '../http/problem.js';
import { uuidParam } from '../http/uuid-param.pipe.js';
import { QueueHandles } from '../operations/queue-handles.js';
import { NotificationPageSchema, NotificationRetryAnswerSchema, TicketNotificationListSchema } from './dto/notification-page.schema.js';
import { ListNotificationsQuery, TicketNotificationsQuery } from './notification-queries.dto.js';

const notFound = () => new HttpProblem(404, 'notification-not-found', 'Notification not found', 'No such notification.');

/** What customers, agents and integrations were told, and what did not get through. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api')
@UseGuards(AgentAuthGuard)
export class NotificationsController {
  constructor(
    private readonly log: NotificationLog,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly queues: QueueHandles,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly live: CommittedEventsPublisher,
  ) {}

  @Get('notifications')
  @RequireRoles('supervisor', 'admin')
  @ApiOperation({ summary: 'Notifications, newest first; status=failed lists the dead letters (supervisor)' })
  @ApiOkResponse({ type: NotificationPageSchema })
  async list(@Query() query: ListNotificationsQuery): Promise<NotificationPage> {
    const limit = query.limit ?? 50;
    const items = await this.log.list({ status: query.status, ticketId: query.ticketId, limit: limit + 1, cursor: decodeCursor(query.cursor) });
    const page = items.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page, nextCursor: items.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null };
  }

  @Get('notifications/:id')
  @RequireRoles('supervisor', 'admin')
  @ApiOperation({ summary: 'One notification with every delivery attempt (supervisor)' })
  async one(@Param('id', uuidParam()) id: string) {
    const notification = await this.log.findById(id);
    if (!notification) throw notFound();
    return { ...notification, attemptLog: await this.log.attempts(id) };
  }

  @Post('notifications/:id/retry')
  @HttpCode(202)
  @RequireRoles('supervisor', 'admin')
  @ApiOperation({ summary: 'Send a failed notification again: a new round of attempts (supervisor)' })
  @ApiAcceptedResponse({ type: NotificationRetryAnswerSchema })
  async retry(@CurrentAuditScene() scene: AuditScene, @Param('id', uuidParam()) id: string): Promise<NotificationRetryAnswer> {
    const notification = await this.log.requeueFailed(id, this.config.notifications.maxAttempts, this.clock.now());
    if (!notification) {
      const current = await this.log.findById(id);
      if (!current) throw notFound();
      throw new HttpProblem(409, 'notification-not-failed', 'Only failed notifications can be retried', `This notification is ${current.status}.`, { notificationStatus: current.status });
    }
    // The requeue is its store's own transaction; the entry follows it (the act stands even if recording fails).
    await this.audit.recordAlone(scene, { action: 'notification.retried', target: { type: 'notification', id, label: notification.kind }, before: { status: 'failed' }, after: { status: notification.status, retryRound: notification.retryRound } });
    const queued = await this.queues.tryAdd(JobName.DeliverNotification, { notificationId: id, attempt: notification.attempts + 1, round: notification.retryRound });
    // A ticket page open on it shows the send under way (no ticket event tells of a retry).
    await this.live.deliveriesChanged(notification.ticketId);
    return { notification, queued };
  }

  @Get('tickets/:id/notifications')
  @ApiOperation({ summary: "What the ticket's customer, agents and integrations were sent (the newest 500), oldest first" })
  @ApiOkResponse({ type: TicketNotificationListSchema })
  async forTicket(@CurrentAgent() agent: AuthenticatedAgent, @Param('id', uuidParam()) ticketId: string, @Query() query: TicketNotificationsQuery): Promise<TicketNotificationList> {
    const items = await this.log.ofTicketVisibleTo(ticketId, agent, 500, query.recipient);
    if (!items) throw new TicketNotFound();
    return { items: items.reverse() };
  }
}
