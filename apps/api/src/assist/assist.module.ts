import { Module } from '@nestjs/common';
import { KnowledgeBaseModule } from '../knowledge-base/knowledge-base.module.js';
import { AssistMetricsController } from './assist-metrics.controller.js';
import { TicketAssistController } from './ticket-assist.controller.js';
import { GetTicketAssist } from './use-cases/get-ticket-assist.use-case.js';
import { TurnResolutionIntoArticle } from './use-cases/turn-resolution-into-article.use-case.js';

/** First-contact assist for agents (issue 16, item 4); the suggestion a message used is recorded by PostAgentMessage. */
@Module({ imports: [KnowledgeBaseModule], controllers: [TicketAssistController, AssistMetricsController], providers: [GetTicketAssist, TurnResolutionIntoArticle] })
export class AssistModule {}
