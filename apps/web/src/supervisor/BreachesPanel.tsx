import type { LiveTicketEvent } from '@firsthand/realtime-contracts';
import type { LiveMetricsView, TicketView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import { eventLabel } from '../shared/i18n/event-label.js';
import type { ReassignTarget } from './ReassignDialog.js';
import { TicketLink } from './TicketLink.js';
import type { TicketName } from './use-ticket-names.js';

interface Props {
  live: LiveMetricsView;
  /** Open tickets escalated now, whenever that happened (read on load and on every live change). */
  escalated: readonly TicketView[];
  escalations: readonly LiveTicketEvent[];
  /** Code and subject of the tickets the escalations name by id. */
  names: ReadonlyMap<string, TicketName>;
  /** Open complaints' ids: their breaches are marked. */
  complaintIds: ReadonlySet<string>;
  onReassign(target: ReassignTarget): void;
}

/** What is breaching right now (with reassign), and the escalations as they happen, each linking to its ticket. */
export function BreachesPanel({ live, escalated, escalations, names, complaintIds, onReassign }: Props) {
  const { t, time } = useI18n();
  const owners = new Map(live.agents.map((a) => [a.agentId, a.name]));
  return (
    <section className="card" aria-labelledby="breaches-title">
      <h2 id="breaches-title">{t('sup.breaches')}</h2>
      <div className="two-columns">
        <div>
          <h3>{t('sup.breachingTickets')}</h3>
          {live.breachingNow.tickets.length === 0 ? (
            <p className="muted">{t('sup.noBreaches')}</p>
          ) : (
            <ul className="plain-list" data-testid="breaching">
              {live.breachingNow.tickets.map((ticket) => (
                <li key={ticket.id} className="row">
                  <TicketLink id={ticket.id} code={ticket.code} />
                  {complaintIds.has(ticket.id) && <span className="badge badge-complaint" data-testid="complaint-marker">{t('complaint.marker')}</span>}
                  {ticket.breached.map((b) => (
                    <span key={b} className="badge badge-bad">
                      {t(`sup.breached.${b}`)}
                    </span>
                  ))}
                  <span className="muted">{ticket.ownerId ? owners.get(ticket.ownerId) ?? '' : t('ticket.nobody')}</span>
                  <button type="button" onClick={() => onReassign({ id: ticket.id, code: ticket.code, ownerId: ticket.ownerId })} aria-label={t('sup.reassignCode', { code: ticket.code })}>
                    {t('sup.reassign')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>{t('sup.escalatedNow')}</h3>
          {escalated.length === 0 ? (
            <p className="muted">{t('sup.noEscalatedNow')}</p>
          ) : (
            <ul className="plain-list" data-testid="escalated-now">
              {escalated.map((ticket) => (
                <li key={ticket.id} className="row" data-ticket-id={ticket.id}>
                  <TicketLink id={ticket.id} code={ticket.code} /> <span>{ticket.subject}</span>
                  <span className="badge badge-bad">{t('sup.escalationLevel', { level: ticket.escalationLevel })}</span>
                  <span className="muted">{ticket.owner?.name ?? t('ticket.nobody')}</span>
                </li>
              ))}
            </ul>
          )}
          <h3>{t('sup.escalations')}</h3>
          {escalations.length === 0 ? (
            <p className="muted">{t('sup.noEscalations')}</p>
          ) : (
            <ul className="plain-list" aria-live="polite" data-testid="escalations">
              {escalations.map((event) => (
                <li key={event.id} data-ticket-id={event.ticketId}>
                  <time dateTime={event.createdAt}>{time(event.createdAt)}</time>{' '}
                  {names.has(event.ticketId) ? (
                    <>
                      <TicketLink id={event.ticketId} code={names.get(event.ticketId)!.code} /> <span>{names.get(event.ticketId)!.subject}</span>
                    </>
                  ) : (
                    <span className="muted">{t('app.loading')}</span>
                  )}{' '}
                  {complaintIds.has(event.ticketId) && <span className="badge badge-complaint">{t('complaint.marker')}</span>} {eventLabel(event, t)}
                  {event.type === 'escalation_requested' && <span className="muted"> — {event.payload.reason}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
