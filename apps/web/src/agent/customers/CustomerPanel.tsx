import { ApiProblem } from '../../shared/api/http.js';
import { problemText } from '../../shared/api/problem-text.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { useAgentApi } from '../../shared/session/agent-session.js';
import { CustomerCardDetails } from './CustomerCardDetails.js';
import { CustomerFeedback, CustomerTickets } from './CustomerHistory.js';
import { customerPath } from './customer-route.js';
import { goTo } from '../../shared/router/go-to.js';
import { useCustomerProfile } from './use-customer-profile.js';
import './customers.css';

/**
 * Beside every ticket: who the customer is and what else they asked, so the agent answers with the
 * history in view. Read again when `version` moves (an event on the ticket that changes it: a rating).
 */
export function CustomerPanel({ customerId, currentTicketId, version = 0 }: { customerId: string; currentTicketId: string; version?: number }) {
  const { t } = useI18n();
  const api = useAgentApi();
  const { profile, tickets, error, hasMore, loadMore } = useCustomerProfile(api, customerId, version, 10);
  if (error) return <p className="card muted">{error instanceof ApiProblem && error.status === 404 ? t('customer.notFound') : t('app.error', { message: problemText(error, t) })}</p>;
  if (!profile) return <p className="card muted" role="status">{t('app.loading')}</p>;
  return (
    <section className="card customer-panel" aria-labelledby="customer-panel-title" data-testid="customer-panel">
      <h2 id="customer-panel-title">
        {t('customer.panel')}
        {t('app.colon')}
        {profile.name}
      </h2>
      <p>
        <a href={customerPath(profile.id)} onClick={(e) => (e.preventDefault(), goTo(customerPath(profile.id)))}>
          {t('customer.openPage')}
        </a>
      </p>
      <CustomerCardDetails profile={profile} />
      <h3>{t('customer.otherTickets')}</h3>
      <CustomerTickets tickets={tickets} currentTicketId={currentTicketId} hidden={profile.counts.hidden} />
      {hasMore && (
        <button type="button" className="link" onClick={loadMore}>
          {t('customer.more')}
        </button>
      )}
      <CustomerFeedback profile={profile} />
    </section>
  );
}
