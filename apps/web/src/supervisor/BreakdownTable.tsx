import { useState } from 'react';
import type { Percentiles } from '@firsthand/http-contracts';
import { CHANNELS, CUSTOMER_TIERS, type MetricsGrouping } from '@firsthand/domain';
import { apiResponse } from '../shared/api/http.js';
import { problemText } from '../shared/api/problem-text.js';
import { useI18n } from '../shared/i18n/i18n.js';
import type { AgentApi } from '../shared/session/agent-session.js';
import { Notice } from '../shared/ui/Notice.js';
import { rangeFor } from './dates.js';
import { fcrQuery, useFcrReport } from './use-fcr-report.js';

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

const GROUPS = ['agent', 'team', 'channel', 'tier'] as const satisfies readonly MetricsGrouping[];

/** Median and 90th percentile, wall clock above and business time below, as the report counts them (bucket upper bounds). */
function Times({ wall, business }: { wall: Percentiles; business: Percentiles }) {
  const { t, duration } = useI18n();
  const d = (seconds: number | null) => (seconds === null ? '–' : duration(seconds * 1000));
  return (
    <>
      <span data-clock="wall">{t('sup.times', { p50: d(wall.p50), p90: d(wall.p90) })}</span>
      <br />
      <span className="muted" data-clock="business">{t('sup.timesBusiness', { p50: d(business.p50), p90: d(business.p90) })}</span>
    </>
  );
}

/** Both rates per agent / team / channel / tier over the last 14 days, with provisional counts and response times on both clocks; CSV export. */
export function BreakdownTable({ api, today, version }: { api: AgentApi; today: string; version: number }) {
  const { t, percent, number } = useI18n();
  const [groupBy, setGroupBy] = useState<(typeof GROUPS)[number]>('agent');
  const [csvError, setCsvError] = useState<string | null>(null);
  const range = rangeFor('days', today);
  const report = useFcrReport(api, range, groupBy, version);

  const label = (key: string | null, name: string | null) => {
    if (key === null) return t('sup.none');
    if (groupBy === 'channel' && isOneOf(CHANNELS, key)) return t(`channel.${key}`);
    if (groupBy === 'tier' && isOneOf(CUSTOMER_TIERS, key)) return t(`tier.${key}`);
    return name ?? key;
  };

  const exportCsv = async () => {
    setCsvError(null);
    try {
      const response = await apiResponse(`/api/metrics/fcr.csv?${fcrQuery(range.from, range.to, groupBy)}`, { token: api.token });
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `fcr-${groupBy}-${range.from}-${range.to}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      setCsvError(problemText(error, t));
    }
  };

  return (
    <section className="card" aria-labelledby="breakdown-title">
      <div className="row spread">
        <h2 id="breakdown-title">
          {t('sup.breakdown')} <span className="muted">{range.from} – {range.to}</span>
        </h2>
        <div className="row">
          <div className="row">
            <label htmlFor="breakdown-group">{t('sup.groupBy')}</label>
            <select id="breakdown-group" value={groupBy} onChange={(e) => setGroupBy(e.target.value as typeof groupBy)}>
              {GROUPS.map((g) => (
                <option key={g} value={g}>
                  {t(`sup.group.${g}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="button" onClick={() => void exportCsv()}>
            {t('sup.csv')}
          </button>
        </div>
      </div>
      {csvError && <Notice tone="error">{csvError}</Notice>}
      {groupBy === 'agent' && (
        <p className="muted" id="breakdown-hint" data-testid="breakdown-hint">
          {t('sup.byFirstResponderHint')}
        </p>
      )}
      <div className="table-wrap">
        <table data-testid="breakdown" aria-describedby={groupBy === 'agent' ? 'breakdown-hint' : undefined}>
          <thead>
            <tr>
              <th scope="col">{groupBy === 'agent' ? t('sup.col.firstResponder') : t('sup.col.name')}</th>
              <th scope="col" className="num">{t('sup.col.resolved')}</th>
              <th scope="col" className="num">{t('sup.col.frr')}</th>
              <th scope="col" className="num">{t('sup.col.fcr')}</th>
              <th scope="col" className="num">{t('sup.col.provisional')}</th>
              <th scope="col" className="num">{t('sup.col.reopened')}</th>
              <th scope="col" className="num">{t('sup.col.handoffs')}</th>
              <th scope="col" className="num">{t('sup.col.breaches')}</th>
              <th scope="col" className="num">{t('sup.col.csat')}</th>
              <th scope="col" className="num">{t('sup.col.firstResponseTime')}</th>
              <th scope="col" className="num">{t('sup.col.resolutionTime')}</th>
            </tr>
          </thead>
          <tbody>
            {(report?.groups ?? []).map((g) => (
              <tr key={g.key ?? 'none'}>
                <th scope="row">{label(g.key, g.name)}</th>
                <td className="num">{g.resolved}</td>
                <td className="num">{percent(g.firstResponderResolutionRate)}</td>
                <td className="num">{percent(g.firstContactResolutionRate)}</td>
                <td className="num">{g.provisional}</td>
                <td className="num">{g.reopened}</td>
                <td className="num">{g.handoffs}</td>
                <td className="num">{g.slaBreaches.firstResponse + g.slaBreaches.resolution}</td>
                <td className="num">{g.csatAverage === null ? '–' : number(g.csatAverage, 1)}</td>
                <td className="num" data-testid="first-response-times">
                  <Times wall={g.firstResponseSeconds} business={g.firstResponseBusinessSeconds} />
                </td>
                <td className="num" data-testid="resolution-times">
                  <Times wall={g.resolutionSeconds} business={g.resolutionBusinessSeconds} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t('sup.timesNote')}</p>
    </section>
  );
}
