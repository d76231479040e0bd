import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FirsthandConfigModule, type FirsthandConfig } from '@firsthand/config';
import { buildDataSourceOptions, PersistenceModule } from '@firsthand/persistence';
import { TicketingModule } from '@firsthand/ticketing';
import { JobOutboxRelay } from './outbox/job-outbox-relay.js';
import { LiveOutboxRelay } from './outbox/live-outbox-relay.js';
import { ChannelSenders } from './notifications/channel-senders.js';
import { DeliverNotification } from './notifications/deliver-notification.js';
import { NotificationSweeper } from './notifications/notification-sweeper.js';
import { NotificationsProcessor } from './notifications/notifications.processor.js';
import { PlanNotifications } from './notifications/plan-notifications.js';
import { JobProducer } from './queues/job-producer.js';
import { QueueWorkers } from './queues/queue-workers.js';
import { RedisConnections } from './redis-connections.js';
import { ApplySlaThreshold } from './sla/apply-sla-threshold.js';
import { EscalationScheduler } from './sla/escalation-scheduler.js';
import { SlaSweeper } from './sla/sla-sweeper.js';
import { ReplanSlaClocks } from './sla/replan-sla-clocks.js';
import { SlaTimersProcessor } from './sla/sla-timers.processor.js';
import { HandleCommittedEvent } from './ticket-events/handle-committed-event.js';
import { TicketEventsProcessor } from './ticket-events/ticket-events.processor.js';
import { CloseSettledResolutions } from './ticket-maintenance/close-settled-resolutions.js';
import { PendingUploadSweeper } from './ticket-maintenance/pending-upload-sweeper.js';
import { MailIntake } from './email/mail-intake.js';
import { TakeInboundMail } from './email/take-inbound-mail.js';
import { TakeInHeldMails } from './email/take-in-held-mails.js';
import { HeldMailRetention } from './email/held-mail-retention.js';
import { TicketMaintenanceProcessor } from './ticket-maintenance/ticket-maintenance.processor.js';
import { WorkerMetrics } from './worker-metrics.js';
import { WorkerCheckIn } from './worker-check-in.js';
import { OAuth2RefreshTokenKeepers } from './email/oauth2-refresh-token-keepers.js';
import { CustomerDataJobs } from './customer-data/customer-data-jobs.js';
import { EraseCustomer } from './customer-data/erase-customer.js';
import { WriteCustomerExport } from './customer-data/write-customer-export.js';
import { AuditRetention } from './audit/audit-retention.js';
import { BotHoldSweeper } from './bot/bot-hold-sweeper.js';
import { LanguageModelCallRetention } from './language-model/language-model-call-retention.js';

/** Headless: no HTTP but its metrics endpoint. Migrations are the API's job, never the worker's. */
@Module({})
export class WorkerModule {
  static forRoot(config: FirsthandConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        FirsthandConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...buildDataSourceOptions(config.databaseUrl, config.databasePoolSize, 'firsthand-worker'), migrationsRun: false }),
        PersistenceModule,
        TicketingModule,
      ],
      providers: [
        RedisConnections,
        WorkerMetrics,
        WorkerCheckIn,
        OAuth2RefreshTokenKeepers,
        JobProducer,
        QueueWorkers,
        LiveOutboxRelay,
        JobOutboxRelay,
        CloseSettledResolutions,
        TicketMaintenanceProcessor,
        HandleCommittedEvent,
        TicketEventsProcessor,
        EscalationScheduler,
        ApplySlaThreshold,
        SlaTimersProcessor,
        SlaSweeper,
        ReplanSlaClocks,
        PlanNotifications,
        ChannelSenders,
        DeliverNotification,
        NotificationsProcessor,
        NotificationSweeper,
        PendingUploadSweeper,
        TakeInboundMail,
        MailIntake,
        TakeInHeldMails,
        HeldMailRetention,
        WriteCustomerExport,
        EraseCustomer,
        CustomerDataJobs,
        AuditRetention,
        BotHoldSweeper,
        LanguageModelCallRetention,
      ],
    };
  }
}
