import type { LiveMetricsView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';

function Figure({ label, value, hint, testId, tone }: { label: string; value: string; hint?: string; testId: string; tone?: 'bad' }) {
  return (
    <div className={`figure${tone ? ` figure-${tone}` : ''}`}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
      {hint && <dd className="hint muted">{hint}</dd>}
    </div>
  );
}

/** Today's rates as every resolution commits, with the provisional count and the queue right now. */
export function RatesNow({ live }: { live: LiveMetricsView }) {
  const { t, percent, number } = useI18n();
  const { today, open, breachingNow } = live;
  return (
    <section className="card" aria-labelledby="now-title">
      <h2 id="now-title">{t('sup.now', { zone: live.timeZone })}</h2>
      <dl className="figures">
        <Figure label={t('sup.frr')} value={percent(today.firstResponderResolutionRate)} testId="rate-frr" />
        <Figure label={t('sup.fcr')} value={percent(today.firstContactResolutionRate)} testId="rate-fcr" />
        <Figure label={t('sup.resolvedToday')} value={number(today.resolved)} testId="resolved-today" />
        <Figure label={t('sup.provisional')} value={number(today.provisional)} hint={t('sup.provisionalHint')} testId="provisional-today" />
        <Figure label={t('sup.openTickets')} value={number(open.total)} testId="open-total" />
        <Figure label={t('sup.unclaimed')} value={number(open.unclaimed)} testId="open-unclaimed" />
        <Figure label={t('sup.breaching')} value={number(breachingNow.total)} testId="breaching-total" tone={breachingNow.total > 0 ? 'bad' : undefined} />
      </dl>
    </section>
  );
}
