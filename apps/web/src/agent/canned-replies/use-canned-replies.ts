import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CannedReplyView, CreateCannedReplyRequest, UpdateCannedReplyRequest } from '@firsthand/http-contracts';
import { isAbort } from '../../shared/api/http.js';
import { problemText } from '../../shared/api/problem-text.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { useAgentApi } from '../../shared/session/agent-session.js';
import { cannedRepliesApi } from './canned-replies-api.js';

export type ScopeFilter = 'all' | 'personal' | 'team';
const SEARCH_DELAY_MS = 200;
const PAGE_SIZE = 200;

/** The replies the agent may see, searched as they type, with create, change and delete. */
export function useCannedReplies() {
  const { locale, t } = useI18n();
  const token = useAgentApi().token;
  const api = useMemo(() => cannedRepliesApi(token), [token]);
  const [q, setQ] = useState('');
  const [scope, setScope] = useState<ScopeFilter>('all');
  const [items, setItems] = useState<CannedReplyView[] | null>(null);
  const [version, setVersion] = useState(0);
  // The refusal itself, worded in the reader's language when read (a language switch rewords it).
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api
        .search({ q: q.trim() || undefined, scope: scope === 'all' ? undefined : scope, lang: locale, limit: PAGE_SIZE }, controller.signal)
        .then((list) => (setItems(list.items), setFailure(null)))
        .catch((error: unknown) => !isAbort(error) && setFailure({ error }));
    }, q ? SEARCH_DELAY_MS : 0);
    return () => (window.clearTimeout(timer), controller.abort());
  }, [api, q, scope, locale, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const create = useCallback(async (body: CreateCannedReplyRequest) => (await api.create(body), reload()), [api, reload]);
  const update = useCallback(async (id: string, body: UpdateCannedReplyRequest) => (await api.update(id, body), reload()), [api, reload]);
  const remove = useCallback(async (id: string) => (await api.remove(id), reload()), [api, reload]);

  return { q, setQ, scope, setScope, items, error: failure && problemText(failure.error, t), create, update, remove };
}
