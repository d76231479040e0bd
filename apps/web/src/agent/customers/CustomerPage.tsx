import { useRef, useState } from 'react';
import { ApiProblem } from '../../shared/api/http.js';
import { problemText } from '../../shared/api/problem-text.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { useAgentApi, useSignedInAgent } from '../../shared/session/agent-session.js';
import { Notice } from '../../shared/ui/Notice.js';
import { useFocusHeadingOnShow } from '../../shared/ui/use-focus-return.js';
import { CustomerCardDetails } from './CustomerCardDetails.js';
import { CustomerFeedback, CustomerTickets } from './CustomerHistory.js';
import { CustomerSupervisorTools } from './CustomerSupervisorTools.js';
import { CustomerDataRights } from './CustomerDataRights.js';
import { goTo } from '../../shared/router/go-to.js';
import { useCustomerProfile } from './use-customer-profile.js';
import './customers.css';

/** `/agent/customers/:id`: the whole history; supervisors also change the tier and merge duplicates here. */
export function CustomerPage({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const api = useAgentApi();
  const me = useSignedInAgent();
  const [version, setVersion] = useState(0);
  const { profile, tickets, error, hasMore, loadMore } = useCustomerProfile(api, customerId, version);
  const title = useRef<HTMLHeadingElement>(null);
  useFocusHeadingOnShow(title, profile !== null);
  if (error) return <Notice tone="error">{error instanceof ApiProblem && error.status === 404 ? t('customer.notFound') : t('app.error', { message: problemText(error, t) })}</Notice>;
  if (!profile) return <p role="status">{t('app.loading')}</p>;
  const supervises = me.role === 'supervisor' || me.role === 'admin';
  return (
    <article className="customer-page stack" aria-labelledby="customer-title" data-testid="customer-page" data-customer-id={profile.id}>
      <p>
        <a href="/agent" onClick={(e) => (e.preventDefault(), goTo('/agent'))}>
          {t('customer.back')}
        </a>
      </p>
      <header className="card">
        <h1 id="customer-title" ref={title}>
          {t('customer.page')}
          {t('app.colon')}
          {profile.name}
        </h1>
        {profile.mergedFromId && <Notice tone="info">{t('customer.mergedFrom')}</Notice>}
        <CustomerCardDetails profile={profile} />
      </header>
      <div className="customer-columns">
        <section className="card" aria-labelledby="customer-tickets-title">
          <h2 id="customer-tickets-title">{t('customer.tickets')}</h2>
          <CustomerTickets tickets={tickets} hidden={profile.counts.hidden} />
          {hasMore && (
            <button type="button" className="link" onClick={loadMore}>
              {t('customer.more')}
            </button>
          )}
        </section>
        <div className="stack">
          <section className="card">
            <CustomerFeedback profile={profile} headingLevel={2} />
          </section>
          {supervises && <CustomerSupervisorTools key={profile.id} api={api} profile={profile} onChanged={() => setVersion((v) => v + 1)} />}
          {me.role === 'admin' && <CustomerDataRights key={`data-${profile.id}`} api={api} profile={profile} onChanged={() => setVersion((v) => v + 1)} />}
        </div>
      </div>
    </article>
  );
}
