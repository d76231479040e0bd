import { useEffect, useState } from 'react';
import type { LiveMetricsView } from '@firsthand/http-contracts';
import { problemText } from '../shared/api/problem-text.js';
import { useI18n } from '../shared/i18n/i18n.js';
import type { AgentApi } from '../shared/session/agent-session.js';

/** GET /api/metrics/live, again at every `version`; a pushed `metrics.changed` payload applies at once. */
export function useLiveMetrics(api: AgentApi, version: number, pushed: LiveMetricsView | null) {
  const [live, setLive] = useState<LiveMetricsView | null>(null);
  const { t } = useI18n();
  // The refusal itself, worded in the reader's language when read (a language switch rewords it).
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  useEffect(() => {
    let cancelled = false;
    api.get<LiveMetricsView>('/api/metrics/live').then(
      (next) => {
        if (cancelled) return;
        setLive(next);
        setFailure(null);
      },
      (error: unknown) => !cancelled && setFailure({ error }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, version]);
  useEffect(() => {
    if (pushed) setLive(pushed);
  }, [pushed]);
  return { live, error: failure && problemText(failure.error, t) };
}
