import type { TicketView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import { useNow } from '../shared/time/use-now.js';
import { ComplaintBadge } from '../shared/ui/ComplaintBadge.js';
import { TicketLink } from './TicketLink.js';

/** Open complaints, nearest 24-hour deadline first, each with its clock and owner (reassign from the lists below). */
export function ComplaintsPanel({ complaints }: { complaints: readonly TicketView[] }) {
  const { t } = useI18n();
  const now = useNow(15_000);
  return (
    <section className="card" aria-labelledby="complaints-title">
      <h2 id="complaints-title">{t('sup.complaints')}</h2>
      {complaints.length === 0 ? (
        <p className="muted">{t('sup.noComplaints')}</p>
      ) : (
        <ul className="plain-list" data-testid="complaints">
          {complaints.map((ticket) => (
            <li key={ticket.id} className="row" data-ticket-code={ticket.code}>
              <TicketLink id={ticket.id} code={ticket.code} />
              <span>{ticket.subject}</span>
              <ComplaintBadge ticket={ticket} now={now} />
              <span className="muted">{ticket.owner?.name ?? t('ticket.nobody')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
