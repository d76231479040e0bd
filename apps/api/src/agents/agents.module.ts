import { Module } from '@nestjs/common';
import { AgentsController } from './agents.controller.js';
import { ColleaguesController } from './colleagues.controller.js';
import { NotificationLanguageController } from './notification-language.controller.js';
import { AvailabilityController } from './availability.controller.js';
import { TeamsController } from './teams.controller.js';
import { ChangeAgent } from './use-cases/change-agent.use-case.js';
import { CreateTeam } from './use-cases/create-team.use-case.js';
import { RenameTeam } from './use-cases/rename-team.use-case.js';
import { RegisterAgent } from './use-cases/register-agent.use-case.js';

@Module({ controllers: [AgentsController, ColleaguesController, NotificationLanguageController, AvailabilityController, TeamsController], providers: [RegisterAgent, ChangeAgent, CreateTeam, RenameTeam] })
export class AgentsModule {}
