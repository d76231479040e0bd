import { Injectable } from '@nestjs/common';
import { daysFromIcal, defineCalendar, mergeCalendarDays, type AuditEntryDraft, type CalendarProblem, type CustomerTier, type Priority } from '@firsthand/domain';
import type { CalendarDefinition, CalendarImport } from '@firsthand/http-contracts';
import { CalendarNameTaken, CalendarStore, SlaReplans, type SlaCalendarChange, type StoredCalendar } from '@firsthand/persistence';
import type { EntityManager } from 'typeorm';
import { AuditTrail, type AuditScene } from '../../audit/audit-trail.js';
import { HttpProblem, RequestValidationFailed } from '../../http/problem.js';
import { CALENDAR_LIMITS } from '../dto/calendar.dto.js';

const refused = (problems: CalendarProblem[]) =>
  new RequestValidationFailed(problems.map((p) => ({ field: p.field, messages: [p.message], reason: p.reason, ...(p.values ? { values: p.values } : {}) })));
const notFound = () => new HttpProblem(404, 'calendar-not-found', 'No such calendar', 'There is no calendar with this id.');
const nameTaken = (name: string) => new HttpProblem(409, 'calendar-name-taken', 'Calendar name taken', `A calendar named "${name}" exists; choose another name.`);

/** Whose open tickets a change of this calendar moves: everyone's when it is the default or a policy's, else its teams'. */
const affectedBy = (c: StoredCalendar): SlaCalendarChange => (c.isDefault || c.policies.length > 0 ? { all: true } : { teamIds: c.teamIds });

/** What the audit log keeps of a calendar: its definition and who uses it, not its bookkeeping. */
const audited = (c: StoredCalendar) => {
  const { createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, ...kept } = c;
  return kept;
};
const calendarTarget = (c: { id: string; name: string }) => ({ type: 'calendar', id: c.id, label: c.name });

function checked(input: CalendarDefinition) {
  const definition = defineCalendar(input);
  if (!definition.ok) throw refused(definition.problems);
  return definition.calendar;
}

/**
 * Supervisors and admins keep the calendars. Every change that moves SLA clocks asks, in its own
 * transaction, for the open tickets it affects to be planned again (`notifySlaCalendarChanged`),
 * and is audited in that same transaction.
 */
@Injectable()
export class ManageCalendars {
  constructor(
    private readonly calendars: CalendarStore,
    private readonly replans: SlaReplans,
    private readonly audit: AuditTrail,
  ) {}

  async create(agentId: string, input: CalendarDefinition, scene: AuditScene): Promise<StoredCalendar> {
    const calendar = checked(input);
    if ((await this.calendars.count()) >= CALENDAR_LIMITS.calendars) {
      throw new HttpProblem(409, 'too-many-calendars', 'Too many calendars', `There are already ${CALENDAR_LIMITS.calendars} calendars; delete one first.`);
    }
    return this.named(input.name, () =>
      this.audit.inside(scene, async (tx) => {
        const id = await this.calendars.create(tx, { name: input.name.trim(), calendar, by: agentId });
        const made = (await this.calendars.find(id, tx))!;
        return { result: made, entries: [{ action: 'calendar.created', target: calendarTarget(made), before: null, after: audited(made) }] };
      }),
    );
  }

  async replace(agentId: string, id: string, input: CalendarDefinition, scene: AuditScene): Promise<StoredCalendar> {
    const calendar = checked(input);
    return this.named(input.name, () =>
      this.audit.inside(scene, async (tx) => {
        const current = await this.calendars.lock(tx, id);
        if (!current) throw notFound();
        await this.calendars.replace(tx, id, { name: input.name.trim(), calendar, by: agentId });
        await this.replans.notifySlaCalendarChanged(tx, affectedBy(current), `calendar ${id} edited`);
        const changed = (await this.calendars.find(id, tx))!;
        return { result: changed, entries: [{ action: 'calendar.changed', target: calendarTarget(changed), before: audited(current), after: audited(changed) }] };
      }),
    );
  }

  /** Refused with 409 while the calendar is the default or a team's or a policy's. */
  async remove(id: string, scene: AuditScene): Promise<void> {
    const current = await this.calendars.find(id);
    if (!current) throw notFound();
    const inUse = new HttpProblem(409, 'calendar-in-use', 'Calendar in use', 'The calendar is the default, or a team or an SLA policy uses it; move them to another calendar first.', {
      isDefault: current.isDefault,
      teamIds: current.teamIds,
      policies: current.policies,
    });
    if (current.isDefault || current.teamIds.length > 0 || current.policies.length > 0) throw inUse;
    const outcome = await this.audit.inside(scene, async (tx) => {
      const result = await this.calendars.remove(tx, id);
      // A team or policy took it up meanwhile: the foreign key refused the delete, and the transaction is spent.
      if (result === 'in_use') throw inUse;
      return { result, entries: result === 'removed' ? [{ action: 'calendar.deleted' as const, target: calendarTarget(current), before: audited(current), after: null }] : [] };
    });
    if (outcome === 'missing') throw notFound();
  }

  async importIcal(agentId: string, id: string, input: CalendarImport, scene: AuditScene) {
    const read = daysFromIcal(input.ics);
    if (!read.ok) throw refused(read.problems);
    return this.audit.inside(scene, async (tx) => {
      const current = await this.calendars.lock(tx, id);
      if (!current) throw notFound();
      if (current.alwaysOpen) throw refused([{ field: 'id', message: 'is a 24×7 calendar: it has no holidays to import', reason: 'always-open' }]);
      const days = mergeCalendarDays(current, read, input.mode);
      const definition = defineCalendar({ ...current, ...days });
      if (!definition.ok) throw refused(definition.problems.map((p) => ({ ...p, field: `ics (${p.field})` })));
      await this.calendars.replaceDays(tx, id, definition.calendar, agentId);
      await this.replans.notifySlaCalendarChanged(tx, affectedBy(current), `calendar ${id} imported (${input.mode})`);
      const changed = (await this.calendars.find(id, tx))!;
      const imported = { holidays: read.holidays.length, extraWorkingDays: read.extraWorkingDays.length };
      return {
        result: { calendar: changed, imported, skipped: read.skipped },
        entries: [{ action: 'calendar.imported', target: calendarTarget(changed), before: { holidays: current.holidays, extraWorkingDays: current.extraWorkingDays }, after: { mode: input.mode, imported, holidays: changed.holidays, extraWorkingDays: changed.extraWorkingDays } }],
      };
    });
  }

  async setTeamCalendar(teamId: string, calendarId: string | null, scene: AuditScene): Promise<void> {
    await this.audit.inside(scene, async (tx) => {
      await this.mustExist(tx, calendarId, 'calendarId');
      const before = await this.calendars.teamCalendarId(teamId, tx);
      if (before === undefined || !(await this.calendars.setTeamCalendar(tx, teamId, calendarId))) throw new HttpProblem(404, 'team-not-found', 'No such team', 'There is no team with this id.');
      // The same calendar again moves no clock: no re-plan, nothing to audit.
      if (before === calendarId) return { result: undefined, entries: [] };
      await this.replans.notifySlaCalendarChanged(tx, { teamIds: [teamId] }, `team ${teamId} calendar set to ${calendarId ?? 'the default'}`);
      return { result: undefined, entries: [{ action: 'calendar.team_assigned', target: { type: 'team', id: teamId, label: null }, before: { calendarId: before }, after: { calendarId } }] };
    });
  }

  /** In the caller's transaction (the SLA policy's own change), so the policy and its calendar change together. */
  async setPolicyCalendar(tx: EntityManager, priority: Priority, tier: CustomerTier, calendarId: string | null): Promise<boolean> {
    await this.mustExist(tx, calendarId, 'calendarId');
    if (!(await this.calendars.setPolicyCalendar(tx, priority, tier, calendarId))) return false;
    await this.replans.notifySlaCalendarChanged(tx, { all: true }, `policy ${priority} x ${tier} calendar set to ${calendarId ?? "the team's"}`);
    return true;
  }

  async setSettings(agentId: string, settings: { defaultCalendarId: string; complaintCap: 'always_open' | 'ticket_calendar' }, scene: AuditScene) {
    return this.audit.inside(scene, async (tx) => {
      await this.mustExist(tx, settings.defaultCalendarId, 'defaultCalendarId');
      const before = await this.calendars.settings(tx);
      await this.calendars.setSettings(tx, { ...settings, by: agentId });
      const shape = (s: { defaultCalendarId: string; complaintCap: string }) => ({ defaultCalendarId: s.defaultCalendarId, complaintCap: s.complaintCap });
      const entries: AuditEntryDraft[] = [];
      if (before.defaultCalendarId !== settings.defaultCalendarId || before.complaintCap !== settings.complaintCap) {
        await this.replans.notifySlaCalendarChanged(tx, { all: true }, `calendar settings: default ${settings.defaultCalendarId}, complaint cap ${settings.complaintCap}`);
        entries.push({ action: 'calendar_settings.changed', target: { type: 'calendar_settings', id: null, label: null }, before: shape(before), after: shape(settings) });
      }
      if (before.defaultCalendarId !== settings.defaultCalendarId) {
        entries.push({ action: 'calendar.made_default', target: { type: 'calendar', id: settings.defaultCalendarId, label: null }, before: { defaultCalendarId: before.defaultCalendarId }, after: { defaultCalendarId: settings.defaultCalendarId } });
      }
      return { result: await this.calendars.settings(tx), entries };
    });
  }

  private async mustExist(tx: EntityManager, calendarId: string | null, field: string): Promise<void> {
    if (calendarId !== null && !(await this.calendars.exists(tx, calendarId))) throw refused([{ field, message: 'no such calendar', reason: 'unknown-calendar' }]);
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
