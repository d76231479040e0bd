import { useEffect, useState } from 'react';
import type { ArticleSuggestion, ArticleSuggestionList } from '@firsthand/http-contracts';
import { apiFetch } from '../shared/api/http.js';
import { useI18n } from '../shared/i18n/i18n.js';

const DEBOUNCE_MS = 350;
const MIN_LENGTH = 2;

/** Published help articles matching the subject as it is typed: fetched after a pause in typing, the stale request cancelled. */
export function useArticleSuggestions(subject: string, locale: string): ArticleSuggestion[] {
  const [items, setItems] = useState<ArticleSuggestion[]>([]);
  const text = subject.trim();
  useEffect(() => {
    if (text.length < MIN_LENGTH) {
      setItems([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const query = new URLSearchParams({ q: text.slice(0, 200), lang: locale, limit: '3' });
      apiFetch<ArticleSuggestionList>(`/api/help/suggestions?${query}`, { signal: controller.signal })
        .then((found) => setItems(found.items))
        // Suggestions are a help, never a hurdle: a refusal (429) or an outage just shows none.
        .catch(() => {
          if (!controller.signal.aborted) setItems([]);
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, locale]);
  return items;
}

/** Articles that may answer the question before a ticket is opened; "this answered my question" records a deflection. */
export function SuggestedArticles({ items, query, onAnswered }: { items: ArticleSuggestion[]; query: string; onAnswered: (article: ArticleSuggestion) => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  if (items.length === 0) return null;
  const answered = async (article: ArticleSuggestion) => {
    setBusy(article.id);
    try {
      await apiFetch('/api/help/deflections', { body: { articleId: article.id, query: query.trim().slice(0, 200), locale: article.locale } });
    } catch {
      // The customer's question is answered either way; only the count is lost.
    }
    onAnswered(article);
  };
  return (
    <section className="suggested-articles" aria-labelledby="suggested-title" aria-live="polite">
      <h3 id="suggested-title">{t('newIssue.suggestions')}</h3>
      <ul>
        {items.map((article) => (
          <li key={article.id} lang={article.locale}>
            <a href={article.url} target="_blank" rel="noopener">
              {article.title}
            </a>
            <p className="muted">{article.excerpt}</p>
            <button type="button" onClick={() => void answered(article)} disabled={busy !== null}>
              {t('newIssue.answered')}
            </button>
          </li>
        ))}
      </ul>
      <p className="muted">{t('newIssue.notAnswered')}</p>
    </section>
  );
}
