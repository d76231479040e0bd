import { Module } from '@nestjs/common';
import { CalendarsModule } from '../calendars/calendars.module.js';
import { CannedRepliesController } from './canned-replies.controller.js';
import { RenderCannedReply } from './use-cases/render-canned-reply.use-case.js';
import { SaveCannedReply } from './use-cases/save-canned-reply.use-case.js';

@Module({ imports: [CalendarsModule], controllers: [CannedRepliesController], providers: [SaveCannedReply, RenderCannedReply] })
export class CannedRepliesModule {}
