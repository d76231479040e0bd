import { useEffect, useState } from 'react';
import type { LiveMetricsView } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';

/** GET /api/metrics/live, again at every `version`; a pushed `metrics.changed` payload applies at once. */
export function useLiveMetrics(api: AgentApi, version: number, pushed: LiveMetricsView | null) {
  const [live, setLive] = useState<LiveMetricsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    api.get<LiveMetricsView>('/api/metrics/live').then(
      (next) => {
        if (cancelled) return;
        setLive(next);
        setError(null);
      },
      (e: Error) => !cancelled && setError(e.message),
    );
    return () => {
      cancelled = true;
    };
  }, [api, version]);
  useEffect(() => {
    if (pushed) setLive(pushed);
  }, [pushed]);
  return { live, error };
}
