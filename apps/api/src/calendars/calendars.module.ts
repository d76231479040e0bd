import { Module } from '@nestjs/common';
import { CalendarsController } from './calendars.controller.js';
import { ManageCalendars } from './use-cases/manage-calendars.use-case.js';

/** Business calendars for SLA clocks (issue 14); ManageCalendars is exported for the SLA policies' calendar override. */
@Module({ controllers: [CalendarsController], providers: [ManageCalendars], exports: [ManageCalendars] })
export class CalendarsModule {}
