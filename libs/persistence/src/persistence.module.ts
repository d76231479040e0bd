import { Global, Module } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { Clock, SystemClock } from '@firsthand/domain';
import { FILE_STORAGE, LocalDiskFileStorage } from '@firsthand/attachments';
import { AttachmentStore } from './attachments/attachment-store.js';
import { METRICS_SETTINGS, type MetricsSettings } from './metrics/metrics-settings.js';
import { HelpdeskBacklog } from './metrics/helpdesk-backlog.js';
import { MetricsReports } from './metrics/metrics-reports.js';
import { OutcomeSettlement } from './metrics/outcome-settlement.js';
import { NotificationAudience } from './notifications/notification-audience.js';
import { NotificationLog } from './notifications/notification-log.js';
import { NotificationStore } from './notifications/notification-store.js';
import { WebhookEndpointStore } from './notifications/webhook-endpoint-store.js';
import { JobOutbox } from './outbox/job-outbox.js';
import { LiveOutbox } from './outbox/live-outbox.js';
import { AgentStore } from './people/agent-store.js';
import { AgentConnections } from './people/agent-connections.js';
import { DemoRoster } from './people/demo-roster.js';
import { TeamStore } from './people/team-store.js';
import { AgentPrincipals } from './people/agent-principals.js';
import { AdminBoardSessions } from './people/admin-board-sessions.js';
import { AgentSessions } from './people/agent-sessions.js';
import { SecondFactors } from './people/second-factors.js';
import { LiveTicketReader } from './tickets/live-ticket-reader.js';
import { SlaEscalationLedger } from './sla/sla-escalation-ledger.js';
import { SlaPolicyStore } from './sla/sla-policy-store.js';
import { TicketIntake } from './tickets/ticket-intake.js';
import { TicketQueries } from './tickets/ticket-queries.js';
import { HeldTicketViews } from './tickets/held-ticket-views.js';
import { TicketReadModel } from './tickets/ticket-read-model.js';
import { TicketStore } from './tickets/ticket-store.js';
import { Transactions } from './transactions.js';
import { InboundMailLog } from './email/inbound-mail-log.js';
import { MailThreads } from './email/mail-threads.js';
import { TicketCopiedPeople } from './email/ticket-copied-people.js';
import { HeldMailTakeIns } from './email/held-mail-take-ins.js';
import { TicketSearchIndex } from './search/ticket-search-index.js';
import { SearchConnections } from './search/search-connections.js';
import { TicketSearchReader } from './search/ticket-search.reader.js';
import { SavedViewStore } from './search/saved-view-store.js';
import { CustomerProfiles } from './customers/customer-profiles.js';
import { CustomerStore } from './customers/customer-store.js';
import { CannedReplyStore } from './canned-replies/canned-reply-store.js';
import { TagSuggestions } from './tags/tag-suggestions.js';
import { MacroStore } from './macros/macro-store.js';
import { CalendarStore } from './calendars/calendar-store.js';
import { SlaReplans } from './calendars/sla-replans.js';
import { SlaCalendars } from './calendars/sla-calendars.js';
import { ArticleStore } from './knowledge-base/article-store.js';
import { BotAnswers } from './knowledge-base/bot-answers.js';
import { BotFiguresReader } from './metrics/bot-figures.js';
import { LanguageModelCallLog } from './language-model/language-model-call-log.js';
import { TicketThread } from './language-model/ticket-thread.js';
import { CustomerDataReader } from './customers/customer-data-reader.js';
import { CustomerErasures } from './customers/customer-erasures.js';
import { CustomerExports } from './customers/customer-exports.js';
import { AuditLog } from './audit/audit-log.js';
import { AssistStore } from './assist/assist-store.js';
import { WorkerRoster } from './workers/worker-roster.js';
import { OAuth2RefreshTokenStore } from './email/oauth2-refresh-token-store.js';

const STORES = [
  WorkerRoster,
  OAuth2RefreshTokenStore,
  Transactions,
  TicketStore,
  TicketReadModel,
  TicketQueries,
  HeldTicketViews,
  TicketIntake,
  LiveOutbox,
  SlaEscalationLedger,
  SlaPolicyStore,
  NotificationStore,
  NotificationLog,
  NotificationAudience,
  WebhookEndpointStore,
  JobOutbox,
  MetricsReports,
  OutcomeSettlement,
  HelpdeskBacklog,
  AgentStore,
  AgentConnections,
  TeamStore,
  DemoRoster,
  AgentPrincipals,
  LiveTicketReader,
  InboundMailLog,
  MailThreads,
  TicketCopiedPeople,
  HeldMailTakeIns,
  AttachmentStore,
  TicketSearchIndex,
  TicketSearchReader,
  SavedViewStore,
  CustomerStore,
  CustomerProfiles,
  CannedReplyStore,
  TagSuggestions,
  MacroStore,
  AdminBoardSessions,
  CalendarStore,
  SlaReplans,
  SlaCalendars,
  ArticleStore,
  BotAnswers,
  BotFiguresReader,
  LanguageModelCallLog,
  TicketThread,
  CustomerExports,
  CustomerErasures,
  CustomerDataReader,
  AuditLog,
  AgentSessions,
  SecondFactors,
  AssistStore,
];

/**
 * The stores and read models, injected wherever they are needed (never `new`-ed by callers), with
 * the one Clock of the process and its file storage. Every app imports it once, after FirsthandConfigModule and TypeORM.
 */
@Global()
@Module({
  providers: [
    ...STORES,
    { provide: Clock, useClass: SystemClock },
    {
      provide: FILE_STORAGE,
      inject: [FIRSTHAND_CONFIG],
      useFactory: (config: FirsthandConfig) => new LocalDiskFileStorage(config.attachments.dir, { writtenAtOnceMaxBytes: config.attachments.writtenAtOnceMaxBytes }),
    },
    {
      provide: SearchConnections,
      inject: [FIRSTHAND_CONFIG],
      useFactory: (config: FirsthandConfig) => new SearchConnections(config.databaseUrl, config.databaseSearchPoolSize),
    },
    {
      provide: METRICS_SETTINGS,
      inject: [FIRSTHAND_CONFIG],
      useFactory: (config: FirsthandConfig): MetricsSettings => ({ windows: config.windows, timeZone: config.metricsTimeZone }),
    },
  ],
  exports: [...STORES, Clock, METRICS_SETTINGS, FILE_STORAGE, SearchConnections],
})
export class PersistenceModule {}
