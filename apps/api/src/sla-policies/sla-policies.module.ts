import { Module } from '@nestjs/common';
import { SlaPoliciesController } from './sla-policies.controller.js';
import { SetSlaTargets } from './use-cases/set-sla-targets.use-case.js';
import { PreviewSlaDue } from './use-cases/preview-sla-due.use-case.js';
import { CalendarsModule } from '../calendars/calendars.module.js';

@Module({ imports: [CalendarsModule], controllers: [SlaPoliciesController], providers: [SetSlaTargets, PreviewSlaDue] })
export class SlaPoliciesModule {}
