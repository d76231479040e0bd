import type { DataSourceOptions } from 'typeorm';
import { AgentEntity } from './entities/agent.entity.js';
import { CustomerEntity } from './entities/customer.entity.js';
import { IdempotencyKeyEntity } from './entities/idempotency-key.entity.js';
import { MessageEntity } from './entities/message.entity.js';
import { SlaPolicyEntity } from './entities/sla-policy.entity.js';
import { TeamEntity } from './entities/team.entity.js';
import { TicketEventEntity } from './entities/ticket-event.entity.js';
import { TicketWatcherEntity } from './entities/ticket-watcher.entity.js';
import { TicketEntity } from './entities/ticket.entity.js';
import { InitialSchema1763798400000 } from './migrations/1763798400000-initial-schema.js';
import { LiveOutbox1763798500000 } from './migrations/1763798500000-live-outbox.js';
import { MetricsRollups1763798600000 } from './migrations/1763798600000-metrics-rollups.js';
import { MetricsSlaAttainment1763798610000 } from './migrations/1763798610000-metrics-sla-attainment.js';
import { MetricsGroupRollups1763798620000 } from './migrations/1763798620000-metrics-group-rollups.js';
import { WorkerOutboxAndNotifications1763798700000 } from './migrations/1763798700000-worker-outbox-and-notifications.js';
import { AgentChangeNotices1763798800000 } from './migrations/1763798800000-agent-change-notices.js';
import { EmailChannel1763798900000 } from './migrations/1763798900000-email-channel.js';
import { Attachments1763798910000 } from './migrations/1763798910000-attachments.js';
import { TicketSearch1763799000000 } from './migrations/1763799000000-ticket-search.js';
import { SavedViews1763799001000 } from './migrations/1763799001000-saved-views.js';
import { TicketSearchAtScale1763799002000 } from './migrations/1763799002000-ticket-search-at-scale.js';
import { CustomerMerges1763799010000 } from './migrations/1763799010000-customer-merges.js';
import { CannedReplies1763799020000 } from './migrations/1763799020000-canned-replies.js';
import { TagsAndMacros1763799030000 } from './migrations/1763799030000-tags-and-macros.js';
import { TrackingTokensOutOfStoredText1763800200000 } from './migrations/1763800200000-tracking-tokens-out-of-stored-text.js';
import { AdminBoardSessions1763800210000 } from './migrations/1763800210000-admin-board-sessions.js';
import { SmsBudgets1763800300000 } from './migrations/1763800300000-sms-budgets.js';
import { BusinessCalendars1763801400000 } from './migrations/1763801400000-business-calendars.js';
import { SlaPause1763801500000 } from './migrations/1763801500000-sla-pause.js';
import { KnowledgeBase1763802500000 } from './migrations/1763802500000-knowledge-base.js';
import { BotAnswers1763803000000 } from './migrations/1763803000000-bot-answers.js';
import { LanguageModelCalls1763802600000 } from './migrations/1763802600000-language-model-calls.js';
import { TicketAssistUses1763803100000 } from './migrations/1763803100000-ticket-assist-uses.js';
import { KnowledgeBasePublicSearch1763803200000 } from './migrations/1763803200000-knowledge-base-public-search.js';
import { KnowledgeBaseTitleSearch1763803300000 } from './migrations/1763803300000-knowledge-base-title-search.js';
import { BotHoldEndsWithTheTicket1763803400000 } from './migrations/1763803400000-bot-hold-ends-with-the-ticket.js';
import { JobOutboxJobIds1763803500000 } from './migrations/1763803500000-job-outbox-job-ids.js';
import { InboundMailRefusedFiles1763803600000 } from './migrations/1763803600000-inbound-mail-refused-files.js';
import { TicketsRoomForUpdates1763803700000 } from './migrations/1763803700000-tickets-room-for-updates.js';
import { SearchDocumentsKnowTheirPeriod1763803800000 } from './migrations/1763803800000-search-documents-know-their-period.js';
import { SearchWords1763803900000 } from './migrations/1763803900000-search-words.js';
import { WorkerRoster1763804000000 } from './migrations/1763804000000-worker-roster.js';
import { InboundMailOurAddress1763804100000 } from './migrations/1763804100000-inbound-mail-our-address.js';
import { OAuth2RefreshTokens1763804200000 } from './migrations/1763804200000-oauth2-refresh-tokens.js';
import { TicketViewNotices1763804300000 } from './migrations/1763804300000-ticket-view-notices.js';
import { PendingUploadUploaders1763804400000 } from './migrations/1763804400000-pending-upload-uploaders.js';
import { EscalatedTicketsIndex1763804500000 } from './migrations/1763804500000-escalated-tickets-index.js';
import { AgentPresence1763804600000 } from './migrations/1763804600000-agent-presence.js';
import { UnverifiedThreadIds1763804700000 } from './migrations/1763804700000-unverified-thread-ids.js';
import { TicketCopiedPeople1763804800000 } from './migrations/1763804800000-ticket-copied-people.js';
import { HeldMailTakeIns1763804900000 } from './migrations/1763804900000-held-mail-take-ins.js';
import { HeldMailTakeInOutcomes1763805000000 } from './migrations/1763805000000-held-mail-take-in-outcomes.js';
import { InboundMailReasonKinds1763805100000 } from './migrations/1763805100000-inbound-mail-reason-kinds.js';
import { TicketsByStatusAndAge1763805200000 } from './migrations/1763805200000-tickets-by-status-and-age.js';
import { TicketPlannedSlaTargets1763805300000 } from './migrations/1763805300000-ticket-planned-sla-targets.js';
import { SavedViewPresets1763805400000 } from './migrations/1763805400000-saved-view-presets.js';
import { CustomerDataRights1763802400000 } from './migrations/1763802400000-customer-data-rights.js';
import { SlaStageInstants1763802000000 } from './migrations/1763802000000-sla-stage-instants.js';
import { BusinessTimeMetrics1763802010000 } from './migrations/1763802010000-business-time-metrics.js';
import { AuditEntries1763802300000 } from './migrations/1763802300000-audit-entries.js';
import { AgentSessionsAndSecondFactor1763802100000 } from './migrations/1763802100000-agent-sessions-and-second-factor.js';

export const ENTITIES = [
  TeamEntity,
  AgentEntity,
  CustomerEntity,
  SlaPolicyEntity,
  TicketEntity,
  TicketEventEntity,
  MessageEntity,
  TicketWatcherEntity,
  IdempotencyKeyEntity,
];

/** In timestamp order; TypeORM runs the ones not yet recorded in its migrations table. */
export const MIGRATIONS = [
  InitialSchema1763798400000,
  LiveOutbox1763798500000,
  MetricsRollups1763798600000,
  MetricsSlaAttainment1763798610000,
  MetricsGroupRollups1763798620000,
  WorkerOutboxAndNotifications1763798700000,
  AgentChangeNotices1763798800000,
  EmailChannel1763798900000,
  Attachments1763798910000,
  TicketSearch1763799000000,
  SavedViews1763799001000,
  TicketSearchAtScale1763799002000,
  CustomerMerges1763799010000,
  CannedReplies1763799020000,
  TagsAndMacros1763799030000,
  TrackingTokensOutOfStoredText1763800200000,
  AdminBoardSessions1763800210000,
  SmsBudgets1763800300000,
  BusinessCalendars1763801400000,
  SlaPause1763801500000,
  SlaStageInstants1763802000000,
  BusinessTimeMetrics1763802010000,
  AgentSessionsAndSecondFactor1763802100000,
  AuditEntries1763802300000,
  CustomerDataRights1763802400000,
  KnowledgeBase1763802500000,
  LanguageModelCalls1763802600000,
  BotAnswers1763803000000,
  TicketAssistUses1763803100000,
  KnowledgeBasePublicSearch1763803200000,
  KnowledgeBaseTitleSearch1763803300000,
  BotHoldEndsWithTheTicket1763803400000,
  JobOutboxJobIds1763803500000,
  InboundMailRefusedFiles1763803600000,
  TicketsRoomForUpdates1763803700000,
  SearchDocumentsKnowTheirPeriod1763803800000,
  SearchWords1763803900000,
  WorkerRoster1763804000000,
  InboundMailOurAddress1763804100000,
  OAuth2RefreshTokens1763804200000,
  TicketViewNotices1763804300000,
  PendingUploadUploaders1763804400000,
  EscalatedTicketsIndex1763804500000,
  AgentPresence1763804600000,
  UnverifiedThreadIds1763804700000,
  TicketCopiedPeople1763804800000,
  HeldMailTakeIns1763804900000,
  HeldMailTakeInOutcomes1763805000000,
  InboundMailReasonKinds1763805100000,
  TicketsByStatusAndAge1763805200000,
  TicketPlannedSlaTargets1763805300000,
  SavedViewPresets1763805400000,
];

const IDLE_CONNECTION_MS = 5 * 60_000;

export function buildDataSourceOptions(databaseUrl: string, poolSize = 10, applicationName = 'firsthand'): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    // An idle connection is kept for minutes, not pg's 10 s: a new one costs a backend start, a cold
    // catalog cache and the planning of every prepared statement again, and a timer or request after
    // a quiet moment would pay that on its own latency.
    extra: { max: poolSize, application_name: applicationName, connectionTimeoutMillis: 5000, idleTimeoutMillis: IDLE_CONNECTION_MS },
  };
}
