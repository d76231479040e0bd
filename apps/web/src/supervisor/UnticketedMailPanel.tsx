import type { InboundMailItem } from '@firsthand/http-contracts';
import { problemText } from '../shared/api/problem-text.js';
import { useI18n } from '../shared/i18n/i18n.js';
import type { AgentApi } from '../shared/session/agent-session.js';
import { Notice } from '../shared/ui/Notice.js';
import { useUnticketedMails, type TakeInProgress, type TakeInRefusal } from './use-unticketed-mails.js';

/** A mail taken in since it was listed made a ticket: it says so, not "ignored". */
const OUTCOME_WORDS = { quarantined: 'sup.mails.quarantined', ignored: 'sup.mails.ignored', opened: 'sup.mails.ticketed', continued: 'sup.mails.ticketed' } as const;

/**
 * "Mail not ticketed": what the intake quarantined or ignored, and why, so nobody's mail vanishes
 * unseen; a mail held back only for its sender's rate or for looking automatic can be taken in.
 */
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
          <table className="rows-on-phone">
            <thead>
              <tr>
                <th scope="col">{t('sup.col.received')}</th>
                <th scope="col">{t('sup.col.sender')}</th>
                <th scope="col">{t('sup.col.subject')}</th>
                <th scope="col">{t('sup.col.outcome')}</th>
                <th scope="col">{t('sup.col.reason')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('sup.mails.takeIn')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {mails.items.map((mail) => (
                <tr key={mail.id} data-outcome={mail.outcome}>
                  <td data-label={t('sup.col.received')}>{dateTime(mail.receivedAt)}</td>
                  <td data-label={t('sup.col.sender')}>{mail.from ?? '–'}</td>
                  <th scope="row">{mail.subject ?? '–'}</th>
                  <td data-label={t('sup.col.outcome')}>{t(OUTCOME_WORDS[mail.outcome])}</td>
                  <td data-label={t('sup.col.reason')} title={mail.reason ?? undefined}>{mail.reasonKind && mail.reasonKind !== 'other' ? t(`sup.mails.reason.${mail.reasonKind}`) : (mail.reason ?? '')}</td>
                  <td data-testid="take-in">
                    <TakeIn mail={mail} progress={mails.progress[mail.id]} onTakeIn={() => void mails.takeIn(mail.id)} />
                  </td>
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

/** The "Take in" button where it would work, then what became of it: the ticket once it appears, or why not (in the reader's language; the details are in the worker's log). */
function TakeIn({ mail, progress, onTakeIn }: { mail: InboundMailItem; progress: TakeInProgress | undefined; onTakeIn: () => void }) {
  const { t } = useI18n();
  const refusal = (reason: TakeInRefusal | null) => t('sup.mails.takeInRefused', { reason: t(reason ? `sup.mails.refusal.${reason}` : 'sup.mails.refusal.none') });
  if (progress?.state === 'taken' || (!progress && mail.ticketId)) {
    return (
      <span role="status">
        {t('sup.mails.takenIn')} <a href={`/agent/tickets/${progress?.state === 'taken' ? progress.ticketId : mail.ticketId}`}>{t('sup.mails.openTicket')}</a>
      </span>
    );
  }
  if (progress?.state === 'refused') return <span role="status">{refusal(progress.reason)}</span>;
  if (progress?.state === 'failed') return <span role="alert">{problemText(progress.error, t)}</span>;
  if (progress?.state === 'slow') return <span role="status">{t('sup.mails.takeInSlow')}</span>;
  if (progress?.state === 'requested' || mail.takeIn?.state === 'requested') return <span role="status">{t('sup.mails.takingIn')}</span>;
  if (mail.takeIn?.state === 'refused') return <span>{refusal(mail.takeIn.refusedReason)}</span>;
  const gaveUp = progress?.state === 'gave_up' || mail.takeIn?.state === 'gave_up';
  if (!mail.canTakeIn && !gaveUp) return null;
  return (
    <>
      {gaveUp && <span role="status">{t('sup.mails.takeInGaveUp')} </span>}
      {(mail.canTakeIn || progress?.state === 'gave_up') && (
        <button type="button" onClick={onTakeIn} aria-label={t('sup.mails.takeInLabel', { subject: mail.subject ?? '–' })}>
          {t('sup.mails.takeIn')}
        </button>
      )}
    </>
  );
}
