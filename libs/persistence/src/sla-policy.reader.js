import { SlaPolicyEntity } from './entities/sla-policy.entity.js';
export class SlaPolicyMissing extends Error {
    constructor(priority, tier) {
        super(`No SLA policy for ${priority} x ${tier}`);
    }
}
export async function readSlaTargets(em, priority, tier) {
    const policy = await em.findOneBy(SlaPolicyEntity, { priority, tier });
    if (!policy)
        throw new SlaPolicyMissing(priority, tier);
    return {
        firstResponseMinutes: policy.firstResponseMinutes,
        updateCadenceMinutes: policy.updateCadenceMinutes,
        resolutionMinutes: policy.resolutionMinutes,
    };
}
//# sourceMappingURL=sla-policy.reader.js.map