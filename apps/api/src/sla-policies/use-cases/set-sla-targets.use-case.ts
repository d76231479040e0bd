import { Injectable } from '@nestjs/common';
import { decideSlaTargets, type CustomerTier, type Priority, type SlaTargets } from '@firsthand/domain';
import { SlaPolicyMissing, SlaPolicyStore, type SlaPolicy } from '@firsthand/persistence';
import { RequestValidationFailed } from '../../http/problem.js';

/** An admin sets one policy's targets. Open tickets keep the due times they were promised. */
@Injectable()
export class SetSlaTargets {
  constructor(private readonly policies: SlaPolicyStore) {}

  async execute(priority: Priority, tier: CustomerTier, targets: SlaTargets): Promise<SlaPolicy> {
    const decision = decideSlaTargets(targets);
    if (!decision.accepted) throw new RequestValidationFailed(decision.problems.map((p) => ({ field: p.field, messages: [p.message] })));
    const policy = await this.policies.setTargets(priority, tier, decision.seconds);
    if (!policy) throw new SlaPolicyMissing(priority, tier);
    return policy;
  }
}
