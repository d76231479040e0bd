import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CUSTOMER_TIERS, type CustomerTier } from '@firsthand/domain';
import type { CustomerChangeAnswer, CustomerMatchList, CustomerProfile } from '@firsthand/http-contracts';
import { apiFetch } from '../../shared/api/http.js';
import { problemText } from '../../shared/api/problem-text.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import type { AgentApi } from '../../shared/session/agent-session.js';
import { Field } from '../../shared/ui/Field.js';
import { Notice } from '../../shared/ui/Notice.js';
import { useFocusReturn } from '../../shared/ui/use-focus-return.js';

type Outcome = { tone: 'success' | 'error'; text: string } | null;

/** Supervisors only: change the customer's tier, and merge a duplicate record into this one. */
export function CustomerSupervisorTools({ api, profile, onChanged }: { api: AgentApi; profile: CustomerProfile; onChanged(): void }) {
  const { t } = useI18n();
  const [tier, setTier] = useState<CustomerTier>(profile.tier);
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<CustomerMatchList['items'] | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [tierOutcome, setTierOutcome] = useState<Outcome>(null);
  // A merge takes the list of matches (and the pressed button) away: focus goes to what happened.
  const focus = useFocusReturn();
  const outcomeRef = useRef<HTMLDivElement>(null);
  // The profile is read again after a change: the picker follows it, and the outcome stays on screen.
  useEffect(() => setTier(profile.tier), [profile.tier]);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      setOutcome({ tone: 'success', text: await work() });
      onChanged();
    } catch (error) {
      setOutcome({ tone: 'error', text: problemText(error, t) });
    } finally {
      setBusy(false);
    }
  };

  // Answered beside the button that asked, not in the notice above the heading (out of sight and, added with its text, often not read out).
  const saveTier = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setTierOutcome(null);
    try {
      const answer = await apiFetch<CustomerChangeAnswer>(`/api/customers/${profile.id}`, { method: 'PATCH', body: { tier }, token: api.token });
      setTierOutcome({ tone: 'success', text: t('customer.tierChanged', { tier: t(`tier.${tier}`), count: String(answer.changedTickets.length) }) });
      onChanged();
    } catch (error) {
      setTierOutcome({ tone: 'error', text: t('customer.tierNotSaved', { reason: problemText(error, t) }) });
    } finally {
      setBusy(false);
    }
  };

  const search = async (event: FormEvent) => {
    event.preventDefault();
    if (query.trim().length < 2) return;
    try {
      const found = await api.get<CustomerMatchList>(`/api/customers?q=${encodeURIComponent(query.trim())}&limit=10`);
      setMatches(found.items.filter((m) => m.id !== profile.id));
    } catch (error) {
      setOutcome({ tone: 'error', text: problemText(error, t) });
    }
  };

  const merge = (duplicate: CustomerMatchList['items'][number]) => {
    if (!window.confirm(t(duplicate.ticketCount === 1 ? 'customer.mergeConfirmOne' : 'customer.mergeConfirm', { name: duplicate.name, count: String(duplicate.ticketCount), into: profile.name }))) return;
    void run(async () => {
      const answer = await api.post<CustomerChangeAnswer>(`/api/customers/${profile.id}/merge`, { duplicateId: duplicate.id });
      setMatches(null);
      setQuery('');
      return t('customer.merged', { count: String(answer.changedTickets.length) });
    }).then(() => focus.moveTo(() => outcomeRef.current));
  };

  return (
    <section className="card stack" aria-labelledby="customer-tools-title" data-testid="customer-supervisor-tools">
      {outcome && (
        <Notice tone={outcome.tone} testId="customer-outcome" ref={outcomeRef}>
          {outcome.text}
        </Notice>
      )}
      <h2 id="customer-tools-title">{t('customer.changeTier')}</h2>
      <form className="row" onSubmit={(e) => void saveTier(e)}>
        <Field label={t('customer.tier')}>
          {(props) => (
            <select {...props} value={tier} onChange={(e) => (setTier(e.target.value as CustomerTier), setTierOutcome(null))}>
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
        {/* Always present, so the saved message is announced when its text arrives. */}
        <span className="customer-tier-saved" role="status" data-testid="tier-status">
          {tierOutcome?.tone === 'success' ? tierOutcome.text : ''}
        </span>
        {tierOutcome?.tone === 'error' && (
          <span className="field-error" role="alert" data-testid="tier-error">
            {tierOutcome.text}
          </span>
        )}
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
