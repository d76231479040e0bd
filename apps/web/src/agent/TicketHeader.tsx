import type { Ref } from 'react';
import type { InboundMailItem, TicketView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import { useNow } from '../shared/time/use-now.js';
import { ClockBadge } from './SlaBadge.js';
import { TierBadge } from './TierBadge.js';
import { ComplaintBadge } from '../shared/ui/ComplaintBadge.js';
import { LinkedText } from '../shared/ui/LinkedText.js';
import { runningClocks } from './urgency.js';

/**
 * Who the customer is, what the ticket is, its owner and first responder, and every running SLA
 * clock; for an email ticket, whether the opening mail's sender was verified and which of our
 * addresses (a brand's, a team's, the support address) the customer wrote to. `titleRef`: the heading, focused when the ticket opens.
 */
export function TicketHeader({ ticket, openingMail, titleRef }: { ticket: TicketView; openingMail: InboundMailItem | null; titleRef?: Ref<HTMLHeadingElement> }) {
  const { t, dateTime } = useI18n();
  const now = useNow(1000);
  const contact = [ticket.customer.email, ticket.customer.phone].filter(Boolean).join(' · ');
  return (
    <header className="ticket-header">
      <h1 id="ticket-title" ref={titleRef}>
        <span className="code">{ticket.code}</span> {ticket.subject}
      </h1>
      <div className="row">
        <span className="badge badge-neutral" data-testid="ticket-status">
          {t(`status.${ticket.status}`)}
        </span>
        <ComplaintBadge ticket={ticket} now={now} />
        <span className="badge badge-neutral">{t(`priority.${ticket.priority}`)}</span>
        <TierBadge tier={ticket.tier} />
        {runningClocks(ticket).map((clock) => (
          <ClockBadge key={clock.target} clock={clock} now={now} />
        ))}
      </div>
      <dl className="details">
        <div>
          <dt>{t('ticket.customer')}</dt>
          <dd>
            {ticket.customer.name} <TierBadge tier={ticket.customer.tier} />
            {contact && <span className="muted" data-testid="customer-contact"> {contact}</span>}
          </dd>
        </div>
        {ticket.channel === 'email' && openingMail && (
          <div>
            <dt>{t('email.sender')}</dt>
            <dd data-testid="sender-verification" data-verified={String(openingMail.verified)}>
              {openingMail.from ?? ''}{' '}
              <span className={`badge ${openingMail.verified === true ? 'badge-ok' : openingMail.verified === false ? 'badge-bad' : 'badge-neutral'}`}>
                {openingMail.verified === true ? t('email.verified') : openingMail.verified === false ? t('email.notVerified') : t('email.noVerdict')}
              </span>
            </dd>
          </div>
        )}
        {ticket.channel === 'email' && openingMail?.ourAddress && (
          <div>
            <dt>{t('email.writtenTo')}</dt>
            <dd data-testid="written-to">
              {openingMail.ourAddress.name ? `${openingMail.ourAddress.name} <${openingMail.ourAddress.address}>` : openingMail.ourAddress.address}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('ticket.owner')}</dt>
          <dd data-testid="ticket-owner">{ticket.owner?.name ?? t('ticket.nobody')}</dd>
        </div>
        <div>
          <dt>{t('ticket.firstResponder')}</dt>
          <dd>{ticket.firstResponder?.name ?? t('ticket.nobody')}</dd>
        </div>
        <div>
          <dt>{t('ticket.channel')}</dt>
          <dd>
            {t(`channel.${ticket.channel}`)} · {dateTime(ticket.createdAt)}
          </dd>
        </div>
        <div>
          <dt>{t('ticket.escalation')}</dt>
          <dd>{ticket.escalationLevel}</dd>
        </div>
        <div>
          <dt>{t('ticket.reopens')}</dt>
          <dd>{ticket.reopenCount}</dd>
        </div>
      </dl>
      <section className="description" aria-labelledby="ticket-description-title" data-testid="ticket-description">
        <h2 id="ticket-description-title">{t('ticket.description')}</h2>
        <p>
          <LinkedText text={ticket.description} />
        </p>
      </section>
    </header>
  );
}
