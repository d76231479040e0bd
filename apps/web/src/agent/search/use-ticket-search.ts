import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchFilters, SearchHit, SearchPage, SearchSort } from '@firsthand/http-contracts';
import { problemText } from '../../shared/api/problem-text.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import type { AgentApi } from '../../shared/session/agent-session.js';
import { searchQueryString } from './search-params.js';

export interface SearchRun {
  q: string;
  filters: SearchFilters;
  sort: SearchSort | '';
}

/** Runs searches: the latest one wins (earlier answers arriving late are dropped); "more" follows its cursor. */
export function useTicketSearch(api: AgentApi) {
  const [run, setRun] = useState<SearchRun | null>(null);
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const { t } = useI18n();
  // The refusal itself, worded in the reader's language when read (a language switch rewords it).
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const generation = useRef(0);

  const fetchPage = useCallback(
    async (search: SearchRun, cursor: string | null) => {
      const mine = ++generation.current;
      setLoading(true);
      try {
        const page = await api.get<SearchPage>(`/api/search?${searchQueryString(search.q, search.filters, search.sort, cursor)}`);
        if (mine !== generation.current) return;
        setHits((current) => (cursor ? [...current, ...page.items] : page.items));
        setNext(page.nextCursor);
        setFailure(null);
      } catch (error) {
        if (mine === generation.current) setFailure({ error });
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [api],
  );

  useEffect(() => {
    if (run) void fetchPage(run, null);
    else {
      generation.current += 1;
      setHits([]);
      setNext(null);
      setFailure(null);
      setLoading(false);
    }
  }, [run, fetchPage]);

  const more = useCallback(() => {
    if (run && next) void fetchPage(run, next);
  }, [run, next, fetchPage]);

  return { run, search: setRun, clear: () => setRun(null), hits, more: next ? more : null, loading, error: failure && problemText(failure.error, t) };
}
