import { Injectable } from '@nestjs/common';
import { daysFromIcal, defineCalendar, mergeCalendarDays, type CalendarProblem, type CustomerTier, type Priority } from '@firsthand/domain';
import type { CalendarDefinition, CalendarImport } from '@firsthand/http-contracts';
import { CalendarNameTaken, CalendarStore, SlaReplans, Transactions, type SlaCalendarChange, type StoredCalendar } from '@firsthand/persistence';
import type { EntityManager } from 'typeorm';
import { HttpProblem, RequestValidationFailed } from '../../http/problem.js';
import { CALENDAR_LIMITS } from '../dto/calendar.dto.js';

const refused = (problems: CalendarProblem[]) => new RequestValidationFailed(problems.map((p) => ({ field: p.field, messages: [p.message] })));
const notFound = () => new HttpProblem(404, 'calendar-not-found', 'No such calendar', 'There is no calendar with this id.');
const nameTaken = (name: string) => new HttpProblem(409, 'calendar-name-taken', 'Calendar name taken', `A calendar named "${name}" exists; choose another name.`);

/** Whose open tickets a change of this calendar moves: everyone's when it is the default or a policy's, else its teams'. */
const affectedBy = (c: StoredCalendar): SlaCalendarChange => (c.isDefault || c.policies.length > 0 ? { all: true } : { teamIds: c.teamIds });

function checked(input: CalendarDefinition) {
  const definition = defineCalendar(input);
  if (!definition.ok) throw refused(definition.problems);
  return definition.calendar;
}

/**
 * Supervisors and admins keep the calendars. Every change that moves SLA clocks asks, in its own
 * transaction, for the open tickets it affects to be planned again (`notifySlaCalendarChanged`).
 */
@Injectable()
export class ManageCalendars {
  constructor(
    private readonly calendars: CalendarStore,
    private readonly transactions: Transactions,
    private readonly replans: SlaReplans,
  ) {}

  async create(agentId: string, input: CalendarDefinition): Promise<StoredCalendar> {
    const calendar = checked(input);
    if ((await this.calendars.count()) >= CALENDAR_LIMITS.calendars) {
      throw new HttpProblem(409, 'too-many-calendars', 'Too many calendars', `There are already ${CALENDAR_LIMITS.calendars} calendars; delete one first.`);
    }
    const id = await this.named(input.name, () => this.transactions.run((tx) => this.calendars.create(tx, { name: input.name.trim(), calendar, by: agentId })));
    return (await this.calendars.find(id))!;
  }

  async replace(agentId: string, id: string, input: CalendarDefinition): Promise<StoredCalendar> {
    const calendar = checked(input);
    return this.named(input.name, () =>
      this.transactions.run(async (tx) => {
        const current = await this.calendars.lock(tx, id);
        if (!current) throw notFound();
        await this.calendars.replace(tx, id, { name: input.name.trim(), calendar, by: agentId });
        await this.replans.notifySlaCalendarChanged(tx, affectedBy(current), `calendar ${id} edited`);
        return (await this.calendars.find(id, tx))!;
      }),
    );
  }

  /** Refused with 409 while the calendar is the default or a team's or a policy's. */
  async remove(id: string): Promise<void> {
    const current = await this.calendars.find(id);
    if (!current) throw notFound();
    const inUse = new HttpProblem(409, 'calendar-in-use', 'Calendar in use', 'The calendar is the default, or a team or an SLA policy uses it; move them to another calendar first.', {
      isDefault: current.isDefault,
      teamIds: current.teamIds,
      policies: current.policies,
    });
    if (current.isDefault || current.teamIds.length > 0 || current.policies.length > 0) throw inUse;
    const outcome = await this.transactions.run(async (tx) => {
      const result = await this.calendars.remove(tx, id);
      // A team or policy took it up meanwhile: the foreign key refused the delete, and the transaction is spent.
      if (result === 'in_use') throw inUse;
      return result;
    });
    if (outcome === 'missing') throw notFound();
  }

  async importIcal(agentId: string, id: string, input: CalendarImport) {
    const read = daysFromIcal(input.ics);
    if (!read.ok) throw refused(read.problems);
    return this.transactions.run(async (tx) => {
      const current = await this.calendars.lock(tx, id);
      if (!current) throw notFound();
      if (current.alwaysOpen) throw refused([{ field: 'id', message: 'is a 24×7 calendar: it has no holidays to import' }]);
      const days = mergeCalendarDays(current, read, input.mode);
      const definition = defineCalendar({ ...current, ...days });
      if (!definition.ok) throw refused(definition.problems.map((p) => ({ field: `ics (${p.field})`, message: p.message })));
      await this.calendars.replaceDays(tx, id, definition.calendar, agentId);
      await this.replans.notifySlaCalendarChanged(tx, affectedBy(current), `calendar ${id} imported (${input.mode})`);
      return {
        calendar: (await this.calendars.find(id, tx))!,
        imported: { holidays: read.holidays.length, extraWorkingDays: read.extraWorkingDays.length },
        skipped: read.skipped,
      };
    });
  }

  async setTeamCalendar(teamId: string, calendarId: string | null): Promise<void> {
    await this.transactions.run(async (tx) => {
      await this.mustExist(tx, calendarId, 'calendarId');
      if (!(await this.calendars.setTeamCalendar(tx, teamId, calendarId))) throw new HttpProblem(404, 'team-not-found', 'No such team', 'There is no team with this id.');
      await this.replans.notifySlaCalendarChanged(tx, { teamIds: [teamId] }, `team ${teamId} calendar set to ${calendarId ?? 'the default'}`);
    });
  }

  /** In the caller's transaction (the SLA policy's own change), so the policy and its calendar change together. */
  async setPolicyCalendar(tx: EntityManager, priority: Priority, tier: CustomerTier, calendarId: string | null): Promise<boolean> {
    await this.mustExist(tx, calendarId, 'calendarId');
    if (!(await this.calendars.setPolicyCalendar(tx, priority, tier, calendarId))) return false;
    await this.replans.notifySlaCalendarChanged(tx, { all: true }, `policy ${priority} x ${tier} calendar set to ${calendarId ?? "the team's"}`);
    return true;
  }

  async setSettings(agentId: string, settings: { defaultCalendarId: string; complaintCap: 'always_open' | 'ticket_calendar' }) {
    return this.transactions.run(async (tx) => {
      await this.mustExist(tx, settings.defaultCalendarId, 'defaultCalendarId');
      const before = await this.calendars.settings(tx);
      await this.calendars.setSettings(tx, { ...settings, by: agentId });
      if (before.defaultCalendarId !== settings.defaultCalendarId || before.complaintCap !== settings.complaintCap) {
        await this.replans.notifySlaCalendarChanged(tx, { all: true }, `calendar settings: default ${settings.defaultCalendarId}, complaint cap ${settings.complaintCap}`);
      }
      return this.calendars.settings(tx);
    });
  }

  private async mustExist(tx: EntityManager, calendarId: string | null, field: string): Promise<void> {
    if (calendarId !== null && !(await this.calendars.exists(tx, calendarId))) throw refused([{ field, message: 'no such calendar' }]);
  }

  private async named<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof CalendarNameTaken) throw nameTaken(name);
      throw error;
    }
  }
}
