import { useEffect, useState } from 'react';
import type { AssistSuggestionRef, ResolutionArticleDraft, TicketAssist, TicketView } from '@firsthand/http-contracts';
import { problemText } from '../../shared/api/problem-text.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { useAgentApi, useSignedInAgent } from '../../shared/session/agent-session.js';
import { LinkedText } from '../../shared/ui/LinkedText.js';
import { Notice } from '../../shared/ui/Notice.js';

/** What one click puts into the composer, and which suggestion the message will say it used. */
export interface AssistInsertion {
  text: string;
  suggestion: AssistSuggestionRef;
  title: string;
  /** Tells apart two clicks on the same suggestion. */
  at: number;
}

const EDITORS = ['senior', 'supervisor', 'admin'];

/**
 * Beside the ticket: matching articles and similar solved tickets, each inserted into the composer in
 * one click; for editors on a resolved ticket, "turn this resolution into an article". Loaded when the
 * ticket opens and again when its owner changes (a claim), so the first person has it at hand.
 */
export function AssistPanel({ ticket, onInsert }: { ticket: TicketView; onInsert(insertion: AssistInsertion): void }) {
  const { t } = useI18n();
  // What is inserted goes to the customer: articles in their language, whatever the console's.
  const locale = ticket.customer.locale;
  const api = useAgentApi();
  const me = useSignedInAgent();
  const [assist, setAssist] = useState<TicketAssist | null>(null);
  // The refusal itself, worded in the reader's language when shown.
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const error = failure && problemText(failure.error, t);
  const [drafting, setDrafting] = useState(false);
  const ownerId = ticket.owner?.id ?? null;

  useEffect(() => {
    let cancelled = false;
    setFailure(null);
    api.get<TicketAssist>(`/api/tickets/${ticket.id}/assist?lang=${locale}`).then(
      (found) => !cancelled && setAssist(found),
      (error: unknown) => !cancelled && setFailure({ error }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, ticket.id, locale, ownerId]);

  const insert = (text: string, suggestion: AssistSuggestionRef, title: string) => onInsert({ text, suggestion, title, at: Date.now() });
  const toArticle = async () => {
    setDrafting(true);
    try {
      const draft = await api.post<ResolutionArticleDraft>(`/api/tickets/${ticket.id}/assist/article`, {});
      // The editor warns about what was taken out, where the draft is checked.
      window.location.assign(draft.removed.length > 0 ? `${draft.editorPath}&removed=${encodeURIComponent(draft.removed.join(', '))}` : draft.editorPath);
    } catch (error) {
      setFailure({ error });
    } finally {
      setDrafting(false);
    }
  };

  const solved = ticket.status === 'resolved' || ticket.status === 'closed';
  return (
    <section className="card assist-panel" aria-labelledby="assist-title" data-testid="assist-panel">
      <h2 id="assist-title">{t('assist.title')}</h2>
      {error && <Notice tone="error">{error}</Notice>}
      {solved && EDITORS.includes(me.role) && (
        <button type="button" disabled={drafting} onClick={() => void toArticle()} data-testid="assist-to-article">
          {drafting ? t('assist.toArticleBusy') : t('assist.toArticle')}
        </button>
      )}
      {!assist && !error && <p role="status">{t('assist.loading')}</p>}
      {assist && assist.articles.length === 0 && assist.similarTickets.length === 0 && <p className="muted">{t('assist.none')}</p>}
      {assist && assist.articles.length > 0 && (
        <>
          <h3>{t('assist.articles')}</h3>
          <ul className="assist-list">
            {assist.articles.map((a) => (
              <li key={a.id} data-testid="assist-article">
                <strong>{a.title}</strong> {a.audience === 'internal' && <span className="chip">{t('assist.internal')}</span>}
                <p className="muted">{a.excerpt}</p>
                <div className="row">
                  {a.url && (
                    <button type="button" onClick={() => insert(`${a.title}${a.locale === 'zh-CN' ? '：' : ': '}${a.url}`, { kind: 'article', id: a.id }, a.title)}>
                      {t('assist.insertLink')}
                    </button>
                  )}
                  <button type="button" onClick={() => insert(a.text, { kind: 'article', id: a.id }, a.title)}>
                    {t('assist.insertText')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      {assist && assist.similarTickets.length > 0 && (
        <>
          <h3>{t('assist.similar')}</h3>
          <ul className="assist-list">
            {assist.similarTickets.map((s) => (
              <li key={s.id} data-testid="assist-ticket">
                <strong>{s.code}</strong> {s.subject}
                {s.resolution && <p className="muted">{t('assist.resolution', { text: s.resolution })}</p>}
                {s.finalReply && (
                  <details>
                    <summary>{t('assist.finalReply')}</summary>
                    <p className="assist-text">
                      <LinkedText text={s.finalReply.body} />
                    </p>
                  </details>
                )}
                {s.lastInternalNote && (
                  <details>
                    <summary>{t('assist.internalNote')}</summary>
                    <p className="assist-text">
                      <LinkedText text={s.lastInternalNote.body} />
                    </p>
                  </details>
                )}
                {s.finalReply && (
                  <button type="button" onClick={() => insert(s.finalReply?.body ?? '', { kind: 'ticket', id: s.id }, s.code)}>
                    {t('assist.insertReply')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
