import { Module } from '@nestjs/common';
import { ArticleStore } from '@firsthand/persistence';
import { ChatCompletionsClient } from './chat-completions.client.js';
import { GROUNDING_ARTICLES } from './grounding-articles.token.js';
import { knowledgeBaseGrounding } from './knowledge-base-grounding.js';
import { LanguageModelController } from './language-model.controller.js';
import { AskLanguageModel } from './use-cases/ask-language-model.use-case.js';

/** Optional language model (issue 16): drafts and summaries grounded in the knowledge base's public articles. */
@Module({
  controllers: [LanguageModelController],
  providers: [
    ChatCompletionsClient,
    AskLanguageModel,
    { provide: GROUNDING_ARTICLES, inject: [ArticleStore], useFactory: knowledgeBaseGrounding },
  ],
})
export class LanguageModelModule {}
