import { Module } from '@nestjs/common';
import { CustomerMessageZone } from './customer-message-zone.js';
import { CalendarsController } from './calendars.controller.js';
import { ManageCalendars } from './use-cases/manage-calendars.use-case.js';

/** Business calendars for SLA clocks (issue 14); ManageCalendars is exported for the SLA policies' calendar override, CustomerMessageZone for what agents insert into customer messages. */
@Module({ controllers: [CalendarsController], providers: [ManageCalendars, CustomerMessageZone], exports: [ManageCalendars, CustomerMessageZone] })
export class CalendarsModule {}
