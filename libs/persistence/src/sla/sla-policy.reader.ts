import type { CustomerTier, Priority, SlaTargets } from '@firsthand/domain';
import type { EntityManager } from 'typeorm';
import { SlaPolicyEntity } from '../entities/sla-policy.entity.js';

export class SlaPolicyMissing extends Error {
  constructor(priority: string, tier: string) {
    super(`No SLA policy for ${priority} x ${tier}`);
  }
}

/** A policy's targets in minutes, from the seconds `sla_policies` stores. */
export function slaTargetsOf(seconds: { firstResponseSeconds: number; updateCadenceSeconds: number; resolutionSeconds: number }): SlaTargets {
  return {
    firstResponseMinutes: seconds.firstResponseSeconds / 60,
    updateCadenceMinutes: seconds.updateCadenceSeconds / 60,
    resolutionMinutes: seconds.resolutionSeconds / 60,
  };
}

export async function readSlaTargets(em: EntityManager, priority: Priority, tier: CustomerTier): Promise<SlaTargets> {
  const policy = await em.findOneBy(SlaPolicyEntity, { priority, tier });
  if (!policy) throw new SlaPolicyMissing(priority, tier);
  return slaTargetsOf(policy);
}
