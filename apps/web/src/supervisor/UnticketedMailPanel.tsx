import { useI18n } from '../shared/i18n/i18n.js';
import type { AgentApi } from '../shared/session/agent-session.js';
import { Notice } from '../shared/ui/Notice.js';
import { useUnticketedMails } from './use-unticketed-mails.js';

/** "Mail not ticketed": what the intake quarantined or ignored, and why, so nobody's mail vanishes unseen. */
export function UnticketedMailPanel({ api }: { api: AgentApi }) {
  const { t, dateTime } = useI18n();
  const mails = useUnticketedMails(api);
  return (
    <section className="card" aria-labelledby="unticketed-mail-title" data-testid="unticketed-mail">
      <h2 id="unticketed-mail-title">{t('sup.mails')}</h2>
      {mails.error && <Notice tone="error">{t('app.error', { message: mails.error })}</Notice>}
      {mails.state === 'ready' && mails.items.length === 0 && <p className="muted">{t('sup.mails.none')}</p>}
      {mails.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('sup.col.received')}</th>
                <th scope="col">{t('sup.col.sender')}</th>
                <th scope="col">{t('sup.col.subject')}</th>
                <th scope="col">{t('sup.col.outcome')}</th>
                <th scope="col">{t('sup.col.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {mails.items.map((mail) => (
                <tr key={mail.id} data-outcome={mail.outcome}>
                  <td>{dateTime(mail.receivedAt)}</td>
                  <td>{mail.from ?? '–'}</td>
                  <th scope="row">{mail.subject ?? '–'}</th>
                  <td>{mail.outcome === 'quarantined' ? t('sup.mails.quarantined') : t('sup.mails.ignored')}</td>
                  <td>{mail.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mails.state === 'loading' && <p role="status">{t('app.loading')}</p>}
      {mails.hasMore && mails.state === 'ready' && (
        <button type="button" onClick={mails.more}>
          {t('sup.mails.more')}
        </button>
      )}
    </section>
  );
}
