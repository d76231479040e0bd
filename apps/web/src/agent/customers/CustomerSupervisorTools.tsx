import { useEffect, useState, type FormEvent } from 'react';
import { CUSTOMER_TIERS, type CustomerTier } from '@firsthand/domain';
import type { CustomerChangeAnswer, CustomerMatchList, CustomerProfile } from '@firsthand/http-contracts';
import { apiFetch } from '../../shared/api/http.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import type { AgentApi } from '../../shared/session/agent-session.js';
import { Field } from '../../shared/ui/Field.js';
import { Notice } from '../../shared/ui/Notice.js';

type Outcome = { tone: 'success' | 'error'; text: string } | null;

/** Supervisors only: change the customer's tier, and merge a duplicate record into this one. */
export function CustomerSupervisorTools({ api, profile, onChanged }: { api: AgentApi; profile: CustomerProfile; onChanged(): void }) {
  const { t } = useI18n();
  const [tier, setTier] = useState<CustomerTier>(profile.tier);
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<CustomerMatchList['items'] | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  // The profile is read again after a change: the picker follows it, and the outcome stays on screen.
  useEffect(() => setTier(profile.tier), [profile.tier]);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      setOutcome({ tone: 'success', text: await work() });
      onChanged();
    } catch (error) {
      setOutcome({ tone: 'error', text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const saveTier = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const answer = await apiFetch<CustomerChangeAnswer>(`/api/customers/${profile.id}`, { method: 'PATCH', body: { tier }, token: api.token });
      return t('customer.tierChanged', { count: String(answer.changedTickets.length) });
    });
  };

  const search = async (event: FormEvent) => {
    event.preventDefault();
    if (query.trim().length < 2) return;
    try {
      const found = await api.get<CustomerMatchList>(`/api/customers?q=${encodeURIComponent(query.trim())}&limit=10`);
      setMatches(found.items.filter((m) => m.id !== profile.id));
    } catch (error) {
      setOutcome({ tone: 'error', text: (error as Error).message });
    }
  };

  const merge = (duplicate: CustomerMatchList['items'][number]) => {
    if (!window.confirm(t(duplicate.ticketCount === 1 ? 'customer.mergeConfirmOne' : 'customer.mergeConfirm', { name: duplicate.name, count: String(duplicate.ticketCount), into: profile.name }))) return;
    void run(async () => {
      const answer = await api.post<CustomerChangeAnswer>(`/api/customers/${profile.id}/merge`, { duplicateId: duplicate.id });
      setMatches(null);
      setQuery('');
      return t('customer.merged', { count: String(answer.changedTickets.length) });
    });
  };

  return (
    <section className="card stack" aria-labelledby="customer-tools-title" data-testid="customer-supervisor-tools">
      {outcome && (
        <Notice tone={outcome.tone} testId="customer-outcome">
          {outcome.text}
        </Notice>
      )}
      <h2 id="customer-tools-title">{t('customer.changeTier')}</h2>
      <form className="row" onSubmit={saveTier}>
        <Field label={t('customer.tier')}>
          {(props) => (
            <select {...props} value={tier} onChange={(e) => setTier(e.target.value as CustomerTier)}>
              {CUSTOMER_TIERS.map((value) => (
                <option key={value} value={value}>
                  {t(`tier.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="primary" disabled={busy || tier === profile.tier}>
          {t('customer.changeTierButton')}
        </button>
      </form>
      <h2>{t('customer.merge')}</h2>
      <form className="row" onSubmit={(e) => void search(e)}>
        <Field label={t('customer.mergeSearch')}>
          {(props) => <input {...props} type="search" minLength={2} maxLength={100} value={query} onChange={(e) => setQuery(e.target.value)} />}
        </Field>
        <button type="submit">{t('customer.mergeSearchButton')}</button>
      </form>
      {matches && matches.length === 0 && <p className="muted">{t('customer.mergeNoMatch')}</p>}
      {matches && matches.length > 0 && (
        <ul className="plain-list customer-matches" data-testid="customer-matches">
          {matches.map((match) => (
            <li key={match.id}>
              <span>
                <strong>{match.name}</strong> <span className="muted">{[match.email, match.phone].filter(Boolean).join(' · ')}</span>{' '}
                <span className="muted small">{t('customer.ticketCount', { count: String(match.ticketCount) })}</span>
              </span>
              <button type="button" className="danger" disabled={busy} onClick={() => merge(match)}>
                {t('customer.mergeThis', { name: match.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
