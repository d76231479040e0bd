import type { LiveMetricsView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';

export function AgentLoadTable({ live }: { live: LiveMetricsView }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="load-title">
      <h2 id="load-title">{t('sup.load')}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('sup.col.name')}</th>
              <th scope="col">{t('sup.col.presence')}</th>
              <th scope="col" className="num">{t('sup.col.open')}</th>
              <th scope="col" className="num">{t('sup.col.pending')}</th>
            </tr>
          </thead>
          <tbody>
            {live.agents.map((a) => (
              <tr key={a.agentId}>
                <th scope="row">{a.name}</th>
                <td data-testid="agent-presence" data-presence={a.presence}>
                  <span className={`presence-dot presence-dot-${a.presence}`} aria-hidden="true" /> {t(`presence.${a.presence}`)}
                </td>
                <td className="num">{a.open}</td>
                <td className="num">{a.pendingCustomer}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
