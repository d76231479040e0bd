import { Module } from '@nestjs/common';
import { AgentsController } from './agents.controller.js';
import { TeamsController } from './teams.controller.js';

@Module({ controllers: [AgentsController, TeamsController] })
export class AgentsModule {}
