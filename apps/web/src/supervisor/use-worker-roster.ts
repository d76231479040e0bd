import { useEffect, useState } from 'react';
import type { WorkerRosterView } from '@firsthand/http-contracts';
import { problemText } from '../shared/api/problem-text.js';
import { useI18n } from '../shared/i18n/i18n.js';
import type { AgentApi } from '../shared/session/agent-session.js';

/** Workers check in every 15 s; reading the roster as often shows a stopped role within a check-in or two. */
const EVERY_MS = 15_000;

/** The worker roster, read now and every 15 s: which roles no living worker process runs. */
export function useWorkerRoster(api: AgentApi) {
  const [roster, setRoster] = useState<WorkerRosterView | null>(null);
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const { t } = useI18n();

  useEffect(() => {
    let cancelled = false;
    const read = async () => {
      try {
        const view = await api.get<WorkerRosterView>('/api/worker-processes');
        if (cancelled) return;
        setRoster(view);
        setFailure(null);
      } catch (error) {
        if (!cancelled) setFailure({ error });
      }
    };
    void read();
    const timer = setInterval(() => void read(), EVERY_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [api]);

  return { roster, error: failure && problemText(failure.error, t) };
}
