import { Module } from '@nestjs/common';
import { ArticlesController } from './articles.controller.js';
import { HelpApiController } from './help-api.controller.js';
import { HelpCenterController } from './help-center.controller.js';
import { SaveArticle } from './use-cases/save-article.use-case.js';

@Module({ controllers: [ArticlesController, HelpApiController, HelpCenterController], providers: [SaveArticle], exports: [SaveArticle] })
export class KnowledgeBaseModule {}
