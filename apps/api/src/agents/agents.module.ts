import { Module } from '@nestjs/common';
import { AgentsController } from './agents.controller.js';
import { ColleaguesController } from './colleagues.controller.js';
import { TeamsController } from './teams.controller.js';

@Module({ controllers: [AgentsController, ColleaguesController, TeamsController] })
export class AgentsModule {}
