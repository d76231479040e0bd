import { useState } from 'react';
import { useI18n } from '../shared/i18n/i18n.js';
import type { AgentApi } from '../shared/session/agent-session.js';
import { rangeFor, type RangeChoice } from './dates.js';
import { RatesChart } from './RatesChart.js';
import { useFcrReport } from './use-fcr-report.js';

export function RatesOverTime({ api, today, version }: { api: AgentApi; today: string; version: number }) {
  const { t } = useI18n();
  const [choice, setChoice] = useState<RangeChoice>('days');
  const range = rangeFor(choice, today);
  const report = useFcrReport(api, range, range.groupBy, version);
  return (
    <section className="card" aria-labelledby="over-time-title">
      <div className="row spread">
        <h2 id="over-time-title">{t('sup.overTime')}</h2>
        <div className="row">
          <label htmlFor="range-choice">{t('sup.range')}</label>
          <select id="range-choice" value={choice} onChange={(e) => setChoice(e.target.value as RangeChoice)}>
            <option value="days">{t('sup.range.days')}</option>
            <option value="weeks">{t('sup.range.weeks')}</option>
          </select>
        </div>
      </div>
      {report ? <RatesChart report={report} /> : <p role="status">{t('app.loading')}</p>}
    </section>
  );
}
