import { Module, type DynamicModule } from '@nestjs/common';
import { FirsthandConfigModule, type FirsthandConfig } from '@firsthand/config';
import { PersistenceModule } from '@firsthand/persistence';
import { TicketingModule } from '@firsthand/ticketing';
import { AgentsModule } from './agents/agents.module.js';
import { AttachmentsModule } from './attachments/attachments.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CustomersModule } from './customers/customers.module.js';
import { CannedRepliesModule } from './canned-replies/canned-replies.module.js';
import { KnowledgeBaseModule } from './knowledge-base/knowledge-base.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DemoModule } from './demo/demo.module.js';
import { EmailModule } from './email/email.module.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { OperationsModule } from './operations/operations.module.js';
import { SearchModule } from './search/search.module.js';
import { SlaPoliciesModule } from './sla-policies/sla-policies.module.js';
import { TicketsModule } from './tickets/tickets.module.js';
import { TrackModule } from './track/track.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { WebModule } from './web/web.module.js';
import { TagsModule } from './tags/tags.module.js';
import { MacrosModule } from './macros/macros.module.js';
import { BulkModule } from './bulk/bulk.module.js';
import { CalendarsModule } from './calendars/calendars.module.js';
import { LimitsModule } from './limits/limits.module.js';
import { LanguageModelModule } from './language-model/language-model.module.js';
import { OidcModule } from './auth/oidc/oidc.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AssistModule } from './assist/assist.module.js';

@Module({})
export class AppModule {
  static forRoot(config: FirsthandConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        FirsthandConfigModule.forRoot(config),
        PersistenceModule,
        DatabaseModule.forRoot(config, 'firsthand-api'),
        TicketingModule,
        AuthModule,
        AgentsModule,
        TicketsModule,
        SearchModule,
        CustomersModule,
        // Tags, macros and bulk actions (issue 12).
        TagsModule,
        MacrosModule,
        BulkModule,
        // Request limits and sign-in throttling (issue 13).
        LimitsModule,
        EmailModule,
        TrackModule,
        AttachmentsModule,
        SlaPoliciesModule,
        CalendarsModule,
        MetricsModule,
        OperationsModule,
        NotificationsModule,
        WebhooksModule,
        CannedRepliesModule,
        HealthModule,
        WebModule,
        // Knowledge base, help center, self-service (issue 16).
        KnowledgeBaseModule,
        LanguageModelModule,
        // First-contact assist for agents (issue 16, item 4).
        AssistModule,
        // OpenID Connect sign-in (issue 15).
        OidcModule,
        // The audit log (issue 15).
        AuditModule,
        ...(config.api.seedDemo ? [DemoModule] : []),
      ],
    };
  }
}
