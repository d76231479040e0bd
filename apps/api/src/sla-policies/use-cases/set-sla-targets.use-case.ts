import { Injectable } from '@nestjs/common';
import { decideSlaTargets, type CustomerTier, type Priority, type SlaTargets } from '@firsthand/domain';
import { SlaPolicyMissing, SlaPolicyStore, type SlaPolicy } from '@firsthand/persistence';
import { ManageCalendars } from '../../calendars/use-cases/manage-calendars.use-case.js';
import { AuditTrail, type AuditScene } from '../../audit/audit-trail.js';
import { RequestValidationFailed } from '../../http/problem.js';

/** An admin sets one policy's targets. Open tickets keep the due times they were promised. */
@Injectable()
export class SetSlaTargets {
  constructor(
    private readonly policies: SlaPolicyStore,
    private readonly calendars: ManageCalendars,
    private readonly audit: AuditTrail,
  ) {}

  /** `calendarId`: the policy's calendar override (null: the team's; absent: unchanged). */
  async execute(priority: Priority, tier: CustomerTier, targets: SlaTargets & { calendarId?: string | null }, scene: AuditScene): Promise<SlaPolicy> {
    const decision = decideSlaTargets({ firstResponseMinutes: targets.firstResponseMinutes, updateCadenceMinutes: targets.updateCadenceMinutes, resolutionMinutes: targets.resolutionMinutes });
    if (!decision.accepted) throw new RequestValidationFailed(decision.problems.map((p) => ({ field: p.field, messages: [p.message] })));
    const { calendarId } = targets;
    // The calendar override, the targets and the audit entry commit together or not at all.
    return this.audit.inside(scene, async (tx) => {
      const before = await this.policies.lockForChange(priority, tier, tx);
      if (!before) throw new SlaPolicyMissing(priority, tier);
      // Only a calendar that changes re-plans open tickets: the policy page sends its calendar with every save.
      if (calendarId !== undefined && calendarId !== before.calendarId && !(await this.calendars.setPolicyCalendar(tx, priority, tier, calendarId))) throw new SlaPolicyMissing(priority, tier);
      const policy = await this.policies.setTargets(priority, tier, decision.seconds, tx);
      if (!policy) throw new SlaPolicyMissing(priority, tier);
      const shape = (p: SlaPolicy) => ({ firstResponseSeconds: p.firstResponseSeconds, updateCadenceSeconds: p.updateCadenceSeconds, resolutionSeconds: p.resolutionSeconds, calendarId: p.calendarId });
      return { result: policy, entries: [{ action: 'sla_policy.changed', target: { type: 'sla_policy', id: `${priority}/${tier}`, label: `${priority} × ${tier}` }, before: shape(before), after: shape(policy) }] };
    });
  }
}
