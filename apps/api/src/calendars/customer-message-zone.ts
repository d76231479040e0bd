import { Inject, Injectable } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { SlaCalendars } from '@firsthand/persistence';
import type { EntityManager } from 'typeorm';

/**
 * The time zone a ticket's customer messages state times in: its team's business calendar's, else
 * NOTIFY_TIME_ZONE. The worker's notifications follow the same rule (plan-notifications.ts, from the
 * zone read with the job's events); here for what an agent inserts (canned replies, macros).
 */
@Injectable()
export class CustomerMessageZone {
  constructor(
    private readonly calendars: SlaCalendars,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  /** `em`: the change's transaction, when the zone is read inside one. */
  async of(teamId: string | null, em?: EntityManager): Promise<string> {
    return (await this.calendars.teamZone(teamId, em)) ?? this.config.notifications.timeZone;
  }
}
