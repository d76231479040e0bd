import { Module } from '@nestjs/common';
import { SlaPoliciesController } from './sla-policies.controller.js';
import { SetSlaTargets } from './use-cases/set-sla-targets.use-case.js';

@Module({ controllers: [SlaPoliciesController], providers: [SetSlaTargets] })
export class SlaPoliciesModule {}
