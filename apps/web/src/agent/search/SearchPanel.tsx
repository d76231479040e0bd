import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { CHANNELS, CUSTOMER_TIERS, PRIORITIES, TICKET_KINDS } from '@firsthand/domain';
import type { SavedView, SearchField, TicketView } from '@firsthand/http-contracts';
import { problemText } from '../../shared/api/problem-text.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import type { MessageKey } from '../../shared/i18n/messages-en.js';
import type { AgentApi } from '../../shared/session/agent-session.js';
import { debounce } from '../../shared/time/debounce.js';
import { Notice } from '../../shared/ui/Notice.js';
import { useFocusReturn } from '../../shared/ui/use-focus-return.js';
import type { AgentSocket } from '../agent-socket.js';
import { Highlighted } from './Highlighted.js';
import { EMPTY_SEARCH, fromView, isActive, toFilters, type SearchState } from './search-params.js';
import { savedViewName } from './saved-view-name.js';
import { useSavedViews } from './use-saved-views.js';
import { useSearchShortcut } from './use-search-shortcut.js';
import { useTicketSearch } from './use-ticket-search.js';

const TYPING_DEBOUNCE_MS = 300;
const STATUS_CHOICES = ['new', 'open', 'pending_customer', 'new,open,pending_customer', 'resolved', 'closed'];
const FIELD_LABEL: Record<SearchField, MessageKey> = {
  code: 'search.field.code',
  subject: 'search.field.subject',
  description: 'search.field.description',
  customer: 'search.field.customer',
  email: 'search.field.email',
  phone: 'search.field.phone',
  message: 'search.field.message',
  internal_note: 'search.field.internal_note',
};

interface Props {
  api: AgentApi;
  socket: AgentSocket | null;
  onOpen(ticket: TicketView): void;
}

/** The console's search box (`/` focuses it), its filters and order, the saved views with live counts, and the results. */
export function SearchPanel({ api, socket, onOpen }: Props) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  useSearchShortcut(input);
  const [form, setForm] = useState<SearchState>(EMPTY_SEARCH);
  const [activeView, setActiveView] = useState<string | null>(null);
  const results = useTicketSearch(api);
  const saved = useSavedViews(api, socket);
  const [viewName, setViewName] = useState('');
  const [viewScope, setViewScope] = useState<'personal' | 'team'>('personal');
  const [saveError, setSaveError] = useState<string | null>(null);
  const focus = useFocusReturn();
  const viewList = useRef<HTMLUListElement>(null);

  const runForm = (state: SearchState) => {
    if (!isActive(state)) results.clear();
    else results.search({ q: state.q, filters: toFilters(state) ?? {}, sort: state.sort });
  };
  // Typing searches once the agent pauses, with whatever the form holds by then.
  const runLatest = useRef(() => undefined as void);
  runLatest.current = () => runForm(form);
  const typed = useMemo(() => debounce(() => runLatest.current(), TYPING_DEBOUNCE_MS), []);
  useEffect(() => () => typed.cancel(), [typed]);

  const change = (patch: Partial<SearchState>, immediately: boolean) => {
    const next = { ...form, ...patch };
    setForm(next);
    setActiveView(null);
    if (immediately) {
      typed.cancel();
      runForm(next);
    } else typed();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    typed.cancel();
    runForm(form);
  };

  const applyView = (view: SavedView) => {
    setForm(fromView(view.q, view.filters, view.sort));
    setActiveView(view.id);
    typed.cancel();
    results.search({ q: view.q ?? '', filters: view.filters, sort: view.sort });
  };

  const saveView = async (event: FormEvent) => {
    event.preventDefault();
    if (!viewName.trim()) return;
    try {
      const view = await saved.save({ name: viewName.trim(), scope: viewScope, q: form.q.trim() || null, filters: toFilters(form) ?? {}, sort: form.sort || undefined });
      setViewName('');
      setSaveError(null);
      setActiveView(view.id);
      // Its Save button is disabled now the name is cleared: focus goes to the view just saved.
      focus.moveTo(() => viewList.current?.querySelector<HTMLElement>(`[data-view-id="${view.id}"]`));
    } catch (e) {
      setSaveError(problemText(e, t));
    }
  };

  /** A deleted view's button goes with it: focus moves to the next view, else the one before, else the search box. */
  const removeView = async (view: SavedView, button: HTMLElement) => {
    const item = button.closest('li');
    const neighbour = (item?.nextElementSibling ?? item?.previousElementSibling)?.querySelector<HTMLElement>('.saved-view');
    try {
      await saved.remove(view);
      focus.moveTo(() => (neighbour?.isConnected ? neighbour : input.current));
    } catch {
      // The view stays, and so does focus on its button.
    }
  };

  const choice = (key: keyof SearchState, label: MessageKey, values: readonly string[], text: (v: string) => string) => (
    <label className="search-filter">
      <span>{t(label)}</span>
      <select value={String(form[key])} onChange={(e) => change({ [key]: e.target.value } as Partial<SearchState>, true)} data-testid={`search-filter-${key}`}>
        <option value="">{t('search.any')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {text(v)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="card search-panel" aria-label={t('search.title')}>
      <form role="search" onSubmit={submit} className="search-form">
        <input
          ref={input}
          type="search"
          value={form.q}
          maxLength={200}
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          aria-keyshortcuts="/"
          data-testid="search-input"
          onChange={(e) => change({ q: e.target.value }, false)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setForm(EMPTY_SEARCH);
              setActiveView(null);
              results.clear();
            }
          }}
        />
        <button type="submit">{t('search.submit')}</button>
      </form>
      <details className="search-filters">
        <summary>{t('search.filters')}</summary>
        <div className="search-filter-grid">
          {choice('status', 'search.filter.status', STATUS_CHOICES, (v) => (v.includes(',') ? t('search.status.unresolved') : t(`status.${v}` as MessageKey)))}
          {choice('priority', 'search.filter.priority', PRIORITIES, (v) => t(`priority.${v}` as MessageKey))}
          {choice('tier', 'search.filter.tier', CUSTOMER_TIERS, (v) => t(`tier.${v}` as MessageKey))}
          {choice('channel', 'search.filter.channel', CHANNELS, (v) => t(`channel.${v}` as MessageKey))}
          {choice('kind', 'search.filter.kind', TICKET_KINDS, (v) => t(`kind.${v}` as MessageKey))}
          {choice('owner', 'search.filter.owner', ['me', 'unowned'], (v) => t(v === 'me' ? 'search.owner.me' : 'search.owner.unowned'))}
          {choice('sort', 'search.sort', ['relevance', 'newest', 'oldest'], (v) => t(`search.sort.${v}` as MessageKey))}
          <label className="search-filter search-check">
            <input type="checkbox" checked={form.breaching} onChange={(e) => change({ breaching: e.target.checked }, true)} />
            <span>{t('search.filter.breaching')}</span>
          </label>
        </div>
      </details>
      {saved.views.length > 0 && (
        <ul className="saved-views plain-list" aria-label={t('search.views')} data-testid="saved-views" ref={viewList}>
          {saved.views.map((view) => {
            const count = saved.counts.get(view.id);
            return (
              <li key={view.id}>
                <button type="button" className={`saved-view${activeView === view.id ? ' active' : ''}`} aria-pressed={activeView === view.id} data-view-name={view.name} data-view-id={view.id} onClick={() => applyView(view)}>
                  <span>{savedViewName(view, t)}</span>
                  {view.scope === 'team' && <span className="badge badge-neutral">{t('search.view.team')}</span>}
                  <span className="count" data-testid="saved-view-count" aria-label={t(count?.count === 1 && !count.capped ? 'search.view.countOne' : 'search.view.count', { count: count ? `${count.count}${count.capped ? '+' : ''}` : '…' })}>
                    {count ? `${count.count}${count.capped ? '+' : ''}` : '…'}
                  </span>
                </button>
                {view.mayChange && (
                  <button type="button" className="link-button" aria-label={t('search.view.delete', { name: savedViewName(view, t) })} onClick={(e) => void removeView(view, e.currentTarget)}>
                    ×
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {results.run && (
        <div className="search-results" aria-live="polite">
          {results.error && <Notice tone="error">{results.error}</Notice>}
          {!results.loading && results.hits.length === 0 && !results.error && <p className="muted">{t('search.none')}</p>}
          <ul className="queue-list" data-testid="search-results">
            {results.hits.map((hit) => {
              const subject = hit.highlights.find((h) => h.field === 'subject');
              const others = hit.highlights.filter((h) => h.field !== 'subject');
              return (
                <li key={hit.ticket.id} className="queue-row search-hit" data-ticket-code={hit.ticket.code}>
                  <a href={`/agent/tickets/${hit.ticket.id}`} className="queue-open" onClick={(e) => (e.preventDefault(), onOpen(hit.ticket))}>
                    <span className="code">{hit.ticket.code}</span>
                    <span className="subject">{subject ? <Highlighted highlight={subject} /> : hit.ticket.subject}</span>
                  </a>
                  <div className="queue-meta">
                    <span className="badge badge-neutral">{t(`status.${hit.ticket.status}` as MessageKey)}</span>
                    <span className="muted">{hit.ticket.customer.name}</span>
                  </div>
                  {others.map((h, i) => (
                    <p key={i} className="search-fragment" data-field={h.field}>
                      <span className="muted">
                        {t(FIELD_LABEL[h.field])}
                        {t('app.colon')}
                      </span>
                      <Highlighted highlight={h} />
                    </p>
                  ))}
                </li>
              );
            })}
          </ul>
          {results.more && (
            <button type="button" onClick={results.more} disabled={results.loading}>
              {t('search.more')}
            </button>
          )}
          <form className="save-view" onSubmit={(e) => void saveView(e)}>
            <input value={viewName} maxLength={80} onChange={(e) => setViewName(e.target.value)} aria-label={t('search.view.name')} placeholder={t('search.view.name')} data-testid="save-view-name" />
            <select value={viewScope} onChange={(e) => setViewScope(e.target.value as 'personal' | 'team')} aria-label={t('search.view.scope')}>
              <option value="personal">{t('search.view.personal')}</option>
              <option value="team">{t('search.view.team')}</option>
            </select>
            <button type="submit" disabled={!viewName.trim()}>
              {t('search.view.save')}
            </button>
          </form>
          {saveError && <Notice tone="error">{saveError}</Notice>}
        </div>
      )}
    </section>
  );
}
