import { useEffect, useState } from 'react';
import type { AssistFirstContactFigures, AssistFirstContactReport } from '@firsthand/http-contracts';
import { problemText } from '../shared/api/problem-text.js';
import { formatPercent } from '../shared/i18n/format.js';
import { useI18n } from '../shared/i18n/i18n.js';
import type { AgentApi } from '../shared/session/agent-session.js';
import { Notice } from '../shared/ui/Notice.js';
import { shiftDay } from './dates.js';

/** Whether assist helps: the first-contact rate over the last 30 days of tickets where a suggestion was used, and of the rest. */
export function AssistFirstContactPanel({ api, today, version }: { api: AgentApi; today: string; version: number }) {
  const { t, locale } = useI18n();
  const [report, setReport] = useState<AssistFirstContactReport | null>(null);
  // The refusal itself, worded when shown: the header's language switch rewords it.
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  useEffect(() => {
    let cancelled = false;
    api.get<AssistFirstContactReport>(`/api/metrics/assist?from=${shiftDay(today, -29)}&to=${today}`).then(
      (next) => !cancelled && setReport(next),
      (error: unknown) => !cancelled && setFailure({ error }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, today, version]);
  const row = (label: string, f: AssistFirstContactFigures, testId: string) => (
    <tr data-testid={testId}>
      <th scope="row">{label}</th>
      <td>{t('assist.metricsRow', { rate: formatPercent(f.rate, locale), first: String(f.firstContact), resolved: String(f.resolved) })}</td>
    </tr>
  );
  return (
    <section className="card" aria-labelledby="assist-fcr-title" data-testid="assist-fcr">
      <h2 id="assist-fcr-title">{t('assist.metricsTitle')}</h2>
      {failure && <Notice tone="error">{t('app.error', { message: problemText(failure.error, t) })}</Notice>}
      {!report && !failure && <p role="status">{t('app.loading')}</p>}
      {report && (
        <table>
          <tbody>
            {row(t('assist.metricsUsed'), report.used, 'assist-fcr-used')}
            {row(t('assist.metricsNotUsed'), report.notUsed, 'assist-fcr-not-used')}
          </tbody>
        </table>
      )}
    </section>
  );
}
