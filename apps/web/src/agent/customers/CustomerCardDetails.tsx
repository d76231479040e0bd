import type { CustomerProfile } from '@firsthand/http-contracts';
import { useI18n } from '../../shared/i18n/i18n.js';
import { TierBadge } from '../TierBadge.js';

/** Name, contacts (with those kept from merged records), tier, language and the counts. */
export function CustomerCardDetails({ profile }: { profile: CustomerProfile }) {
  const { t } = useI18n();
  const others = profile.otherContacts.flatMap((c) => [c.email, c.phone]).filter((v): v is string => Boolean(v));
  return (
    <>
      <dl className="details customer-details">
        <div>
          <dt>{t('customer.email')}</dt>
          <dd data-testid="customer-email">{profile.email ?? t('customer.none')}</dd>
        </div>
        <div>
          <dt>{t('customer.phone')}</dt>
          <dd>{profile.phone ?? t('customer.none')}</dd>
        </div>
        <div>
          <dt>{t('customer.tier')}</dt>
          <dd data-testid="customer-tier">
            <TierBadge tier={profile.tier} />
          </dd>
        </div>
        <div>
          <dt>{t('customer.locale')}</dt>
          <dd>{profile.locale === 'zh-CN' ? '简体中文' : 'English'}</dd>
        </div>
        {others.length > 0 && (
          <div>
            <dt>{t('customer.otherContacts')}</dt>
            <dd data-testid="customer-other-contacts">{others.join(' · ')}</dd>
          </div>
        )}
      </dl>
      <p className="muted small" data-testid="customer-counts">
        {t(profile.counts.tickets === 1 ? 'customer.countsOne' : 'customer.counts', { tickets: String(profile.counts.tickets), open: String(profile.counts.open), resolved: String(profile.counts.resolved) })}
      </p>
    </>
  );
}
