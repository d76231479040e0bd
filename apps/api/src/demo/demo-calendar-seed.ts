import { defineCalendar } from '@firsthand/domain';
import { ALWAYS_OPEN_CALENDAR_ID, CalendarStore, Transactions } from '@firsthand/persistence';
import { CHINA_DEMO_CALENDAR, US_DEMO_CALENDAR } from './demo-calendars.js';

/**
 * The demo's calendars: the China calendar for its teams, the en/US one as an example, and VIP ×
 * urgent on 24×7 (what must never wait). Before any demo ticket is opened, so nothing needs re-planning.
 */
export async function seedDemoCalendars(calendars: CalendarStore, transactions: Transactions, teamIds: string[], supervisorId: string): Promise<void> {
  await transactions.run(async (tx) => {
    const ids: string[] = [];
    for (const demo of [CHINA_DEMO_CALENDAR, US_DEMO_CALENDAR]) {
      const definition = defineCalendar(demo.calendar);
      if (!definition.ok) throw new Error(`Demo calendar ${demo.name}: ${JSON.stringify(definition.problems)}`);
      ids.push(await calendars.create(tx, { name: demo.name, calendar: definition.calendar, by: supervisorId }));
    }
    for (const teamId of teamIds) await calendars.setTeamCalendar(tx, teamId, ids[0]);
    await calendars.setPolicyCalendar(tx, 'urgent', 'vip', ALWAYS_OPEN_CALENDAR_ID);
  });
}
