import { problemText } from '../shared/api/problem-text.js';
import { useI18n } from '../shared/i18n/i18n.js';
import { notificationChannelLabel, notificationKindLabel } from '../shared/i18n/notification-label.js';
import { Notice } from '../shared/ui/Notice.js';
import type { useFailedNotifications } from './use-failed-notifications.js';

/** Notifications that kept failing, with a retry each; says so plainly where the server has no notifications API. */
export function NotificationsPanel({ notifications }: { notifications: ReturnType<typeof useFailedNotifications> }) {
  const { t, dateTime } = useI18n();
  const { data, retry, retried } = notifications;
  return (
    <section className="card" aria-labelledby="notifications-title" data-testid="notifications">
      <h2 id="notifications-title">{t('sup.notifications')}</h2>
      {retried && <Notice tone="success">{t('sup.retried')}</Notice>}
      {data.state === 'loading' && <p role="status">{t('app.loading')}</p>}
      {data.state === 'unavailable' && <p className="muted" data-testid="notifications-unavailable">{t('sup.notificationsUnavailable')}</p>}
      {data.state === 'error' && <Notice tone="error">{t('app.error', { message: problemText(data.error, t) })}</Notice>}
      {data.state === 'ready' && data.items.length === 0 && <p className="muted">{t('sup.noFailures')}</p>}
      {data.state === 'ready' && data.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('sup.col.ticket')}</th>
                <th scope="col">{t('sup.col.recipient')}</th>
                <th scope="col">{t('sup.col.channel')}</th>
                <th scope="col" className="num">{t('sup.col.attempts')}</th>
                <th scope="col">{t('sup.col.error')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('sup.retry')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((n) => (
                <tr key={n.id}>
                  <th scope="row">
                    {n.ticketCode} <span className="muted">{notificationKindLabel(n, t)}</span>
                  </th>
                  <td>
                    {/* A webhook without a description is named by its URL: said once. */}
                    {n.recipientName}
                    {n.address !== n.recipientName && <> <span className="muted">{n.address}</span></>}
                  </td>
                  <td>{notificationChannelLabel(n.channel, t)}</td>
                  <td className="num">{n.attempts}</td>
                  <td>
                    {n.lastError ?? ''} <span className="muted">{dateTime(n.createdAt)}</span>
                  </td>
                  <td>
                    <button type="button" onClick={() => void retry(n.id)} aria-label={`${t('sup.retry')} ${n.ticketCode} ${notificationChannelLabel(n.channel, t)}`}>
                      {t('sup.retry')}
                    </button>
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
