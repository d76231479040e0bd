import { useState, type FormEvent } from 'react';
import { TAG_LIMITS } from '@firsthand/domain';
import type { TicketChange, TicketTagsChange, TicketView } from '@firsthand/http-contracts';
import { problemText } from '../shared/api/problem-text.js';
import { useI18n } from '../shared/i18n/i18n.js';
import type { AgentApi } from '../shared/session/agent-session.js';
import { Field } from '../shared/ui/Field.js';
import { Notice } from '../shared/ui/Notice.js';
import { useTagSuggestions } from './use-tag-suggestions.js';

interface Props {
  api: AgentApi;
  ticket: TicketView;
  onChanged(change: TicketChange): void;
}

/** The ticket's tags as chips: any agent who sees the ticket adds (typed or suggested) and removes them. */
export function TagsEditor({ api, ticket, onChanged }: Props) {
  const { t } = useI18n();
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const suggestions = useTagSuggestions(api, draft, ticket.tags);

  const change = async (body: TicketTagsChange) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await api.patch<TicketChange>(`/api/tickets/${ticket.id}/tags`, body));
      return true;
    } catch (e) {
      setError(problemText(e, t));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    // Said here, in the reader's language, rather than cut short as it was typed or pasted.
    if ([...draft.trim()].length > TAG_LIMITS.maxLength) {
      setError(t('tags.tooLong', { max: String(TAG_LIMITS.maxLength) }));
      return;
    }
    if (draft.trim() && (await change({ add: [draft] }))) setDraft('');
  };

  return (
    <section className="card tags-editor" aria-labelledby="tags-title" data-testid="tags-editor">
      <h2 id="tags-title">{t('tags.title')}</h2>
      {error && <Notice tone="error">{error}</Notice>}
      {ticket.tags.length === 0 ? (
        <p className="muted">{t('tags.none')}</p>
      ) : (
        <ul className="chips" aria-label={t('tags.title')}>
          {ticket.tags.map((tag) => (
            <li key={tag} className="chip">
              <span>{tag}</span>
              <button type="button" className="chip-remove" aria-label={t('tags.remove', { tag })} disabled={busy} onClick={() => void change({ remove: [tag] })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="row" onSubmit={add}>
        <Field label={t('tags.add')} hint={t('tags.hint', { max: String(TAG_LIMITS.perTicket), length: String(TAG_LIMITS.maxLength) })}>
          {(field) => <input {...field} name="tag" autoComplete="off" value={draft} onChange={(e) => setDraft(e.target.value)} />}
        </Field>
        <button type="submit" disabled={busy || !draft.trim()}>
          {t('tags.addButton')}
        </button>
      </form>
      {suggestions.length > 0 && (
        <div className="tag-suggestions" role="group" aria-label={t('tags.suggestions')}>
          {suggestions.map((s) => (
            <button key={s.tag} type="button" className="chip chip-suggestion" disabled={busy} onClick={() => void change({ add: [s.tag] }).then((ok) => ok && setDraft(''))}>
              {t('tags.suggestion', { tag: s.tag, uses: String(s.uses) })}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
