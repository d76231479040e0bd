import type { CustomerTier } from '@firsthand/domain';
import { useI18n } from '../shared/i18n/i18n.js';

const TONE: Record<CustomerTier, string> = { standard: 'badge-neutral', member: 'badge-member', vip: 'badge-vip' };

export function TierBadge({ tier }: { tier: CustomerTier }) {
  const { t } = useI18n();
  return <span className={`badge ${TONE[tier]}`}>{t(`tier.${tier}`)}</span>;
}
