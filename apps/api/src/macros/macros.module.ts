import { Module } from '@nestjs/common';
import { CalendarsModule } from '../calendars/calendars.module.js';
import { MacrosController } from './macros.controller.js';
import { ApplyMacro } from './use-cases/apply-macro.use-case.js';
import { ManageMacros } from './use-cases/manage-macros.use-case.js';
import { RenderMacroReply } from './use-cases/render-macro-reply.use-case.js';

/** Macros: personal and team bundles of reply, status, tags and priority, applied in one change (issue 12). */
@Module({
  imports: [CalendarsModule],
  controllers: [MacrosController],
  providers: [ManageMacros, ApplyMacro, RenderMacroReply],
})
export class MacrosModule {}
