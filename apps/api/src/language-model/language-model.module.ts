import { Module } from '@nestjs/common';
import { ChatCompletionsClient } from './chat-completions.client.js';
import { LanguageModelCallRetention } from './language-model-call-retention.js';
import { LanguageModelController } from './language-model.controller.js';
import { AskLanguageModel } from './use-cases/ask-language-model.use-case.js';

/**
 * Optional language model (issue 16). GROUNDING_ARTICLES is injected when a module in scope
 * provides it (the knowledge base); this module provides no stand-in.
 */
@Module({ controllers: [LanguageModelController], providers: [ChatCompletionsClient, AskLanguageModel, LanguageModelCallRetention] })
export class LanguageModelModule {}
