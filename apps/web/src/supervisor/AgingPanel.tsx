import type { LiveMetricsView, TicketView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import { useNow } from '../shared/time/use-now.js';
import { botHoldsUntil } from '../shared/time/bot-hold.js';
import type { ReassignTarget } from './ReassignDialog.js';
import { ComplaintBadge } from '../shared/ui/ComplaintBadge.js';
import { TicketLink } from './TicketLink.js';

/** Unclaimed tickets listed by name; the list is the oldest. */
const SHOWN = 15;
const AGE_BUCKETS = ['under_1h', '1h_to_4h', '4h_to_24h', '1d_to_3d', '3d_to_7d', 'over_7d'] as const;
const isAgeBucket = (key: string): key is (typeof AGE_BUCKETS)[number] => (AGE_BUCKETS as readonly string[]).includes(key);

/** Unclaimed tickets by age (oldest first, assignable at once) and the open queue's age buckets. */
export function AgingPanel({ live, unclaimed, onReassign }: { live: LiveMetricsView; unclaimed: readonly TicketView[]; onReassign(target: ReassignTarget): void }) {
  const { t, duration, time } = useI18n();
  const now = useNow(15_000);
  const shown = unclaimed.slice(0, SHOWN);
  // The rest are counted from the live figures, which count every unclaimed ticket (the list is one
  // page); read at another moment than the list, they may be behind it, never below zero.
  const more = shown.length === 0 ? 0 : Math.max(0, live.open.unclaimed - shown.length);
  const heldShown = shown.filter((ticket) => botHoldsUntil(ticket, now) !== null).length;
  const heldBeyond = Math.min(more, Math.max(0, live.open.unclaimedHeldByBot - heldShown));
  return (
    <section className="card aging-panel" aria-labelledby="aging-title">
      <h2 id="aging-title">{t('sup.aging')}</h2>
      <div className="two-columns aging-columns">
        <div>
          {unclaimed.length === 0 ? (
            <p className="muted">{t('sup.noUnclaimed')}</p>
          ) : (
            <table className="unclaimed-table" data-testid="unclaimed">
              <thead>
                <tr>
                  <th scope="col">{t('sup.col.ticket')}</th>
                  <th scope="col">{t('sup.age')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('sup.reassign')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((ticket) => {
                  const holdUntil = botHoldsUntil(ticket, now);
                  return (
                    <tr key={ticket.id}>
                      <th scope="row">
                        <TicketLink id={ticket.id} code={ticket.code} /> <span className="muted">{ticket.subject}</span> <ComplaintBadge ticket={ticket} now={now} />
                        {holdUntil && (
                          <span className="badge" data-testid="bot-holds">
                            {t('sup.botHolds', { time: time(holdUntil) })}
                          </span>
                        )}
                      </th>
                      <td className="age">{duration(now - Date.parse(ticket.createdAt))}</td>
                      <td className="action">
                        <button type="button" onClick={() => onReassign({ id: ticket.id, code: ticket.code, ownerId: ticket.owner?.id ?? null })} aria-label={t('sup.reassignCode', { code: ticket.code })}>
                          {t('sup.reassign')}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {more > 0 && (
            <p className="muted" data-testid="unclaimed-more">
              {t(heldBeyond > 0 ? 'sup.unclaimedMoreHeld' : 'sup.unclaimedMore', { count: more, held: heldBeyond })}
            </p>
          )}
        </div>
        <div>
          <h3>{t('sup.ageBuckets')}</h3>
          <table>
            <tbody>
              {Object.entries(live.open.byAge).map(([bucket, count]) => (
                <tr key={bucket}>
                  <th scope="row">{isAgeBucket(bucket) ? t(`sup.bucket.${bucket}`) : bucket}</th>
                  <td className="num">{count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
