import { useEffect, useState } from 'react';
import type { NotificationItem, NotificationPage } from '@firsthand/http-contracts';
import { problemText } from '../shared/api/problem-text.js';
import { useI18n } from '../shared/i18n/i18n.js';
import { notificationKindLabel } from '../shared/i18n/notification-label.js';
import type { AgentApi } from '../shared/session/agent-session.js';
import { Notice } from '../shared/ui/Notice.js';

type Refused = { state: 'loading' } | { state: 'ready'; items: NotificationItem[] } | { state: 'error'; error: unknown };

/** SMS an SMS budget held back (issue 13), newest first with the reason: a burst here is someone pumping SMS through us. */
export function RefusedSmsPanel({ api, version }: { api: AgentApi; version: number }) {
  const { t, dateTime } = useI18n();
  const [data, setData] = useState<Refused>({ state: 'loading' });
  useEffect(() => {
    let cancelled = false;
    api.get<NotificationPage>('/api/notifications?status=refused&limit=20').then(
      (page) => !cancelled && setData({ state: 'ready', items: page.items }),
      (error: unknown) => !cancelled && setData({ state: 'error', error }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, version]);
  return (
    <section className="card" aria-labelledby="refused-sms-title" data-testid="refused-sms">
      <h2 id="refused-sms-title">{t('sup.refusedSms')}</h2>
      {data.state === 'loading' && <p role="status">{t('app.loading')}</p>}
      {data.state === 'error' && <Notice tone="error">{t('app.error', { message: problemText(data.error, t) })}</Notice>}
      {data.state === 'ready' && data.items.length === 0 && <p className="muted">{t('sup.refusedSms.none')}</p>}
      {data.state === 'ready' && data.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('sup.col.ticket')}</th>
                <th scope="col">{t('sup.col.recipient')}</th>
                <th scope="col">{t('sup.col.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((n) => (
                <tr key={n.id}>
                  <th scope="row">
                    {n.ticketCode} <span className="muted">{notificationKindLabel(n, t)}</span>
                  </th>
                  <td>
                    {n.recipientName} <span className="muted">{n.address}</span>
                  </td>
                  <td>
                    {n.lastError ?? ''} <span className="muted">{dateTime(n.createdAt)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
