import { useCallback, useEffect, useState } from 'react';
import { ApiProblem } from '../shared/api/http.js';
import type { NotificationItem, NotificationPage, NotificationRetryAnswer } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';

export type FailedNotifications = { state: 'loading' } | { state: 'unavailable' } | { state: 'ready'; items: NotificationItem[] } | { state: 'error'; error: unknown };

/**
 * Failed notifications with retry (GET /api/notifications?status=failed, POST .../retry). A server
 * without the notifications API (404) makes the panel say so instead of failing.
 */
export function useFailedNotifications(api: AgentApi, version: number, pushed: NotificationItem | null) {
  const [data, setData] = useState<FailedNotifications>({ state: 'loading' });
  const [retried, setRetried] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    api.get<NotificationPage>('/api/notifications?status=failed&limit=20').then(
      (page) => !cancelled && setData({ state: 'ready', items: page.items }),
      (error: unknown) => {
        if (cancelled) return;
        if (error instanceof ApiProblem && (error.status === 404 || error.status === 405)) setData({ state: 'unavailable' });
        else setData({ state: 'error', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, version]);

  useEffect(() => {
    if (!pushed) return;
    setData((current) => (current.state === 'ready' ? { state: 'ready', items: [pushed, ...current.items.filter((n) => n.id !== pushed.id)] } : current));
  }, [pushed]);

  const retry = useCallback(
    async (id: string) => {
      try {
        await api.post<NotificationRetryAnswer>(`/api/notifications/${id}/retry`);
        setData((current) => (current.state === 'ready' ? { state: 'ready', items: current.items.filter((n) => n.id !== id) } : current));
        setRetried(id);
      } catch (error) {
        setData({ state: 'error', error });
      }
    },
    [api],
  );
  return { data, retry, retried };
}
