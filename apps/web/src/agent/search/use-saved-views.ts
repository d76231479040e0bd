import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SavedView, SavedViewCount, SavedViewCounts, SavedViewList, SaveViewRequest } from '@firsthand/http-contracts';
import { apiFetch } from '../../shared/api/http.js';
import { onEveryConnect } from '../../shared/live/use-live-socket.js';
import type { AgentApi } from '../../shared/session/agent-session.js';
import { debounce } from '../../shared/time/debounce.js';
import { everyWhileVisible, type PageVisibility } from '../../shared/time/every-while-visible.js';
import type { AgentSocket } from '../agent-socket.js';

/** Counts follow the queue: re-fetched once things settle after a burst of changes. */
const COUNTS_DEBOUNCE_MS = 800;
/** Time alone changes some counts (a ticket starts breaching with no event): re-fetched this often while the console is shown. */
const COUNTS_REFRESH_MS = 30_000;

const documentVisibility: PageVisibility = {
  hidden: () => document.visibilityState === 'hidden',
  onChange: (listener) => {
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
};

/** The agent's saved views (personal and their team's) with live counts. */
export function useSavedViews(api: AgentApi, socket: AgentSocket | null) {
  const [views, setViews] = useState<SavedView[]>([]);
  const [counts, setCounts] = useState<Map<string, SavedViewCount>>(new Map());

  const loadCounts = useCallback(async () => {
    const answer = await api.get<SavedViewCounts>('/api/views/counts');
    setCounts(new Map(answer.items.map((c) => [c.id, c])));
  }, [api]);

  const load = useCallback(async () => {
    const answer = await api.get<SavedViewList>('/api/views');
    setViews(answer.items);
    await loadCounts();
  }, [api, loadCounts]);

  useEffect(() => {
    void load().catch(() => undefined);
  }, [load]);

  const refreshCounts = useMemo(() => debounce(() => void loadCounts().catch(() => undefined), COUNTS_DEBOUNCE_MS), [loadCounts]);
  useEffect(() => () => refreshCounts.cancel(), [refreshCounts]);
  useEffect(() => everyWhileVisible(() => void loadCounts().catch(() => undefined), COUNTS_REFRESH_MS, documentVisibility), [loadCounts]);

  useEffect(() => {
    if (!socket) return;
    socket.on('queue.changed', refreshCounts);
    socket.on('ticket.event', refreshCounts);
    const stop = onEveryConnect(socket, refreshCounts);
    return () => {
      socket.off('queue.changed', refreshCounts);
      socket.off('ticket.event', refreshCounts);
      stop();
    };
  }, [socket, refreshCounts]);

  const save = useCallback(
    async (request: SaveViewRequest) => {
      const saved = await api.post<SavedView>('/api/views', request);
      await load();
      return saved;
    },
    [api, load],
  );

  const remove = useCallback(
    async (view: SavedView) => {
      await apiFetch<void>(`/api/views/${view.id}`, { method: 'DELETE', token: api.token });
      await load();
    },
    [api, load],
  );

  return { views, counts, save, remove, refreshCounts };
}
