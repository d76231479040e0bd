import { Injectable } from '@nestjs/common';
import { decideSlaTargets, type CustomerTier, type Priority, type SlaTargets } from '@firsthand/domain';
import { SlaPolicyMissing, SlaPolicyStore, Transactions, type SlaPolicy } from '@firsthand/persistence';
import { ManageCalendars } from '../../calendars/use-cases/manage-calendars.use-case.js';
import { RequestValidationFailed } from '../../http/problem.js';

/** An admin sets one policy's targets. Open tickets keep the due times they were promised. */
@Injectable()
export class SetSlaTargets {
  constructor(
    private readonly policies: SlaPolicyStore,
    private readonly transactions: Transactions,
    private readonly calendars: ManageCalendars,
  ) {}

  /** `calendarId`: the policy's calendar override (null: the team's; absent: unchanged). */
  async execute(priority: Priority, tier: CustomerTier, targets: SlaTargets & { calendarId?: string | null }): Promise<SlaPolicy> {
    const decision = decideSlaTargets({ firstResponseMinutes: targets.firstResponseMinutes, updateCadenceMinutes: targets.updateCadenceMinutes, resolutionMinutes: targets.resolutionMinutes });
    if (!decision.accepted) throw new RequestValidationFailed(decision.problems.map((p) => ({ field: p.field, messages: [p.message] })));
    const { calendarId } = targets;
    if (calendarId !== undefined) {
      const found = await this.transactions.run((tx) => this.calendars.setPolicyCalendar(tx, priority, tier, calendarId));
      if (!found) throw new SlaPolicyMissing(priority, tier);
    }
    const policy = await this.policies.setTargets(priority, tier, decision.seconds);
    if (!policy) throw new SlaPolicyMissing(priority, tier);
    return policy;
  }
}
