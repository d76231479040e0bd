import type { CustomerTier, Priority, SlaTargets } from '@firsthand/domain';
import type { EntityManager } from 'typeorm';
import { SlaPolicyEntity } from '../entities/sla-policy.entity.js';

export class SlaPolicyMissing extends Error {
  constructor(priority: string, tier: string) {
    super(`No SLA policy for ${priority} x ${tier}`);
  }
}

export async function readSlaTargets(em: EntityManager, priority: Priority, tier: CustomerTier): Promise<SlaTargets> {
  const policy = await em.findOneBy(SlaPolicyEntity, { priority, tier });
  if (!policy) throw new SlaPolicyMissing(priority, tier);
  return {
    firstResponseMinutes: policy.firstResponseSeconds / 60,
    updateCadenceMinutes: policy.updateCadenceSeconds / 60,
    resolutionMinutes: policy.resolutionSeconds / 60,
  };
}
