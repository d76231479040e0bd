import { Module } from '@nestjs/common';
import { SlaPoliciesController } from './sla-policies.controller.js';

@Module({ controllers: [SlaPoliciesController] })
export class SlaPoliciesModule {}
