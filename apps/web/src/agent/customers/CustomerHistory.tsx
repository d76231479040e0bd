import type { CustomerProfile, CustomerTicketSummary } from '@firsthand/http-contracts';
import { useI18n } from '../../shared/i18n/i18n.js';
import { ticketPath } from '../ticket-route.js';
import { goTo } from '../../shared/router/go-to.js';

const follow = (path: string) => (event: { preventDefault(): void }) => {
  event.preventDefault();
  goTo(path);
};

/** The customer's tickets (status, owner, link), with the one on screen left out. */
export function CustomerTickets({ tickets, currentTicketId, hidden }: { tickets: CustomerTicketSummary[]; currentTicketId?: string; hidden: number }) {
  const { t, dateTime } = useI18n();
  const shown = tickets.filter((ticket) => ticket.id !== currentTicketId);
  return (
    <>
      {shown.length === 0 ? (
        <p className="muted">{t('customer.noOtherTickets')}</p>
      ) : (
        <ul className="plain-list customer-tickets" data-testid="customer-tickets">
          {shown.map((ticket) => (
            <li key={ticket.id} data-ticket-code={ticket.code}>
              <a href={ticketPath(ticket.id)} onClick={follow(ticketPath(ticket.id))}>
                <span className="code">{ticket.code}</span> {ticket.subject}
              </a>
              <div className="row muted small">
                <span className="badge badge-neutral">{t(`status.${ticket.status}`)}</span>
                <span>{ticket.owner?.name ?? t('customer.unowned')}</span>
                <time dateTime={ticket.createdAt}>{dateTime(ticket.createdAt)}</time>
                {ticket.repeatOf && <span>{t('customer.repeatOf', { code: ticket.repeatOf.code })}</span>}
              </div>
            </li>
          ))}
        </ul>
      )}
      {hidden > 0 && <p className="muted small">{t('customer.hidden', { count: String(hidden) })}</p>}
    </>
  );
}

/** Ratings with their comments, and the tickets that came back about an earlier one. */
export function CustomerFeedback({ profile, headingLevel = 3 }: { profile: CustomerProfile; headingLevel?: 2 | 3 }) {
  const { t, dateTime } = useI18n();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      <Heading>{t('customer.csat')}</Heading>
      {profile.csatHistory.length === 0 ? (
        <p className="muted">{t('customer.noCsat')}</p>
      ) : (
        <>
          {profile.averageRating !== null && (
            <p className="muted small">{t('customer.average', { rating: String(profile.averageRating), count: String(profile.counts.rated) })}</p>
          )}
          <ul className="plain-list" data-testid="customer-csat">
            {profile.csatHistory.map((rating) => (
              <li key={rating.ticketId}>
                <a href={ticketPath(rating.ticketId)} onClick={follow(ticketPath(rating.ticketId))} className="code">
                  {rating.code}
                </a>{' '}
                <strong>{rating.rating}/5</strong> {rating.comment && <q>{rating.comment}</q>}{' '}
                <time className="muted small" dateTime={rating.ratedAt}>{dateTime(rating.ratedAt)}</time>
              </li>
            ))}
          </ul>
        </>
      )}
      <Heading>{t('customer.repeats')}</Heading>
      {profile.repeatContacts.length === 0 ? (
        <p className="muted">{t('customer.noRepeats')}</p>
      ) : (
        <ul className="plain-list" data-testid="customer-repeats">
          {profile.repeatContacts.map((repeat) => (
            <li key={repeat.ticketId}>{t('customer.repeatLine', { code: repeat.code, earlier: repeat.repeatOfCode })}</li>
          ))}
        </ul>
      )}
    </>
  );
}
