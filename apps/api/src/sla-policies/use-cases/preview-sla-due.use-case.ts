import { Inject, Injectable } from '@nestjs/common';
import { addBusinessMinutes, Clock, type BusinessCalendar } from '@firsthand/domain';
import type { SlaMomentView, SlaPreview } from '@firsthand/http-contracts';
import { CalendarStore, SlaPolicyStore, TeamStore } from '@firsthand/persistence';
import { DateTime } from 'luxon';
import { RequestValidationFailed } from '../../http/problem.js';
import type { SlaPreviewQuery } from '../sla-policy.dto.js';

const moment = (calendar: BusinessCalendar, at: Date): SlaMomentView => ({
  at: at.toISOString(),
  local: DateTime.fromJSDate(at, { zone: calendar.zone }).toISO({ suppressMilliseconds: true })!,
});

/**
 * "A ticket opened at … would be due at …": the policy's targets counted in the calendar the
 * ticket's clocks would use (policy override, team's, default), for the supervisors' policy editor.
 */
@Injectable()
export class PreviewSlaDue {
  constructor(
    private readonly policies: SlaPolicyStore,
    private readonly calendars: CalendarStore,
    private readonly teams: TeamStore,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(query: SlaPreviewQuery): Promise<SlaPreview> {
    const teamId = query.teamId ?? null;
    if (teamId && !(await this.teams.exists(teamId))) throw new RequestValidationFailed([{ field: 'teamId', messages: ['no such team'] }]);
    const policy = (await this.policies.list()).find((p) => p.priority === query.priority && p.tier === query.tier);
    if (!policy) throw new RequestValidationFailed([{ field: 'tier', messages: [`no SLA policy for ${query.priority} x ${query.tier}`] }]);
    const resolved = await this.calendars.resolveFor({ teamId, priority: query.priority, tier: query.tier });
    const { calendar } = resolved;
    const openedAt = query.at ? new Date(query.at) : this.clock.now();
    const due = (seconds: number) => moment(calendar, addBusinessMinutes(calendar, openedAt, seconds / 60));
    return {
      priority: policy.priority,
      tier: policy.tier,
      teamId,
      calendar: { id: resolved.id, name: resolved.name, zone: calendar.zone, alwaysOpen: calendar.alwaysOpen, source: resolved.source },
      openedAt: moment(calendar, openedAt),
      firstResponseDue: due(policy.firstResponseSeconds),
      nextUpdateDue: due(policy.updateCadenceSeconds),
      resolutionDue: due(policy.resolutionSeconds),
    };
  }
}
