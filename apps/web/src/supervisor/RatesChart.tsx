import { useEffect, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import type { FcrReport } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';

// Only the pieces this chart uses, so the bundle stays small.
Chart.register(LineController, LineElement, PointElement, BarController, BarElement, LinearScale, CategoryScale, Tooltip, Legend);

/** Both rates by day or week (lines, %), with the resolved count (bars); the same figures as a table for screen readers. */
export function RatesChart({ report }: { report: FcrReport }) {
  const { t, percent, locale } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  const labels = report.groups.map((g) => g.key ?? '');
  const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          rate: { type: 'linear', position: 'left', min: 0, max: 100, ticks: { callback: (v) => `${v}%` } },
          count: { type: 'linear', position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, ticks: { precision: 0 } },
        },
      },
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data.labels = labels;
    c.data.datasets = [
      { type: 'line', label: t('sup.frr'), data: report.groups.map((g) => pct(g.firstResponderResolutionRate)), yAxisID: 'rate', borderColor: '#0b5cad', backgroundColor: '#0b5cad', spanGaps: true },
      { type: 'line', label: t('sup.fcr'), data: report.groups.map((g) => pct(g.firstContactResolutionRate)), yAxisID: 'rate', borderColor: '#1d6b35', backgroundColor: '#1d6b35', spanGaps: true },
      { type: 'bar', label: t('sup.col.resolved'), data: report.groups.map((g) => g.resolved), yAxisID: 'count', backgroundColor: 'rgba(90, 100, 120, 0.25)' },
    ];
    c.options.locale = locale;
    c.update();
  });

  const period = t(report.groupBy === 'week' ? 'sup.group.week' : 'sup.group.day');
  return (
    <div>
      <div className="chart-box">
        <canvas ref={canvas} role="img" aria-label={t('sup.chartLabel', { period })} />
      </div>
      <details>
        <summary>{t('sup.chartTable')}</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{period}</th>
                <th scope="col" className="num">{t('sup.col.resolved')}</th>
                <th scope="col" className="num">{t('sup.col.frr')}</th>
                <th scope="col" className="num">{t('sup.col.fcr')}</th>
              </tr>
            </thead>
            <tbody>
              {report.groups.map((g) => (
                <tr key={g.key ?? ''}>
                  <th scope="row">{g.key}</th>
                  <td className="num">{g.resolved}</td>
                  <td className="num">{percent(g.firstResponderResolutionRate)}</td>
                  <td className="num">{percent(g.firstContactResolutionRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
