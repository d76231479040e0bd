import { takesTickets } from '@firsthand/domain';
import { useRef, useState, type FormEvent } from 'react';
import type { BulkAction, BulkTicketAnswer, BulkTicketRequest, BulkTicketResult, Colleague, TicketView } from '@firsthand/http-contracts';
import { ApiProblem } from '../shared/api/http.js';
import { problemText } from '../shared/api/problem-text.js';
import { useI18n } from '../shared/i18n/i18n.js';
import type { Translate } from '../shared/i18n/locale.js';
import { nameWithRole } from '../shared/i18n/role-label.js';
import type { AgentApi } from '../shared/session/agent-session.js';
import { Field } from '../shared/ui/Field.js';
import { Notice } from '../shared/ui/Notice.js';

interface Props {
  api: AgentApi;
  tickets: readonly TicketView[];
  colleagues: readonly Colleague[];
  onDone(): void;
}

const tagList = (text: string) => text.split(/[,，]/).map((s) => s.trim()).filter(Boolean);

/** Select tickets, reassign / tag / close as spam, and read what happened to each one. */
export function BulkActionsPanel({ api, tickets, colleagues, onDone }: Props) {
  const { t } = useI18n();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [action, setAction] = useState<BulkAction>('tag');
  const [toAgentId, setToAgentId] = useState('');
  const [reason, setReason] = useState('');
  const [tags, setTags] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<BulkTicketAnswer | null>(null);
  // Codes stay known after the list reloads without the tickets just closed.
  const codeOf = useRef(new Map<string, string>()).current;
  const statusOf = useRef(new Map<string, string>()).current;
  for (const ticket of tickets) {
    codeOf.set(ticket.id, ticket.code);
    statusOf.set(ticket.id, ticket.status);
  }

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allSelected = tickets.length > 0 && tickets.every((ticket) => selected.has(ticket.id));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ticketIds = tickets.filter((ticket) => selected.has(ticket.id)).map((ticket) => ticket.id);
    if (action === 'close_as_spam' && !window.confirm(t(ticketIds.length === 1 ? 'bulk.confirmSpamOne' : 'bulk.confirmSpam', { count: String(ticketIds.length) }))) return;
    const body: BulkTicketRequest =
      action === 'reassign' ? { action, ticketIds, toAgentId, reason } : action === 'tag' ? { action, ticketIds, add: tagList(tags) } : { action, ticketIds };
    setBusy(true);
    setError(null);
    try {
      setAnswer(await api.post<BulkTicketAnswer>('/api/tickets/bulk', body));
      setSelected(new Set());
      onDone();
    } catch (e) {
      const assignee = colleagues.find((c) => c.id === toAgentId)?.name;
      setError(e instanceof ApiProblem && e.code === 'invalid-assignee' && action === 'reassign' && assignee ? t('bulk.assigneeInactive', { name: assignee }) : problemText(e, t));
    } finally {
      setBusy(false);
    }
  };
  const ready = selected.size > 0 && (action === 'close_as_spam' || (action === 'tag' ? tagList(tags).length > 0 : !!toAgentId && !!reason.trim()));

  return (
    <section className="card" aria-labelledby="bulk-title" data-testid="bulk-actions">
      <h2 id="bulk-title">{t('bulk.title')}</h2>
      <p className="muted">{t('bulk.hint')}</p>
      {error && <Notice tone="error">{error}</Notice>}
      {answer && (
        <div data-testid="bulk-results">
          <Notice tone={answer.failed ? 'warning' : 'success'}>{t('bulk.results', { ok: String(answer.succeeded), failed: String(answer.failed) })}</Notice>
          <ul className="plain-list">
            {answer.results.map((r) => (
              <li key={r.ticketId} data-ok={String(r.ok)}>
                <strong>{codeOf.get(r.ticketId) ?? r.ticketId}</strong>: {r.ok ? (r.changed ? t('bulk.ok') : t('bulk.unchanged')) : refusalOf(r, answer.action, statusOf.get(r.ticketId), t)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {tickets.length === 0 ? (
        <p className="muted">{t('bulk.none')}</p>
      ) : (
        <form onSubmit={submit} className="stack">
          <div className="bulk-list">
            <label>
              <input type="checkbox" checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(tickets.map((ticket) => ticket.id)))} /> {t('bulk.selectAll')}
            </label>
            <ul className="plain-list">
              {tickets.map((ticket) => (
                <li key={ticket.id}>
                  <input type="checkbox" id={`bulk-${ticket.id}`} aria-label={t('bulk.select', { code: ticket.code })} checked={selected.has(ticket.id)} onChange={() => toggle(ticket.id)} />{' '}
                  <label htmlFor={`bulk-${ticket.id}`}>
                    {ticket.code} <span className="muted">{ticket.subject}</span> <span className="badge badge-neutral">{t(`status.${ticket.status}`)}</span>
                  </label>
                </li>
              ))}
            </ul>
          </div>
          <p className="muted">{t('bulk.selected', { count: String(selected.size) })}</p>
          <div className="row">
            <Field label={t('bulk.action')}>
              {(field) => (
                <select {...field} value={action} onChange={(e) => setAction(e.target.value as BulkAction)}>
                  <option value="tag">{t('bulk.tag')}</option>
                  <option value="reassign">{t('bulk.reassign')}</option>
                  <option value="close_as_spam">{t('bulk.spam')}</option>
                </select>
              )}
            </Field>
            {action === 'tag' && <Field label={t('bulk.tags')}>{(field) => <input {...field} value={tags} onChange={(e) => setTags(e.target.value)} />}</Field>}
            {action === 'reassign' && (
              <>
                <Field label={t('sup.reassignTo')}>
                  {(field) => (
                    <select {...field} value={toAgentId} onChange={(e) => setToAgentId(e.target.value)}>
                      <option value="">{t('actions.choose')}</option>
                      {colleagues.filter((c) => takesTickets(c.role)).map((c) => (
                        <option key={c.id} value={c.id}>
                          {nameWithRole(c.name, c.role, t)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label={t('sup.reassignReason')}>{(field) => <input {...field} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
              </>
            )}
          </div>
          <button type="submit" className={action === 'close_as_spam' ? 'danger' : 'primary'} disabled={busy || !ready}>
            {t('bulk.run')}
          </button>
        </form>
      )}
    </section>
  );
}

/**
 * Why one ticket of a bulk action was refused, in the reader's language. Its problem carries no
 * extension members, so what the panel knows fills in: the action, and the ticket's status.
 */
function refusalOf(result: Extract<BulkTicketResult, { ok: false }>, action: BulkAction, status: string | undefined, t: Translate): string {
  const { type, status: httpStatus, detail } = result.problem;
  const code = type.split('/').pop() ?? type;
  if (code === 'transition-not-allowed') {
    if (action === 'close_as_spam') return t('bulk.alreadyClosed');
    if (action === 'reassign' && (status === 'resolved' || status === 'closed')) return t('sup.reassignKeepsOwner', { status: t(`status.${status}`) });
  }
  return problemText({ status: httpStatus, code, body: {}, message: detail }, t);
}
