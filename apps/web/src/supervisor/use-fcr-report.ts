import { useEffect, useState } from 'react';
import type { MetricsGrouping } from '@firsthand/domain';
import type { FcrReport } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';

export const fcrQuery = (from: string, to: string, groupBy: MetricsGrouping) => `from=${from}&to=${to}&groupBy=${groupBy}`;

/** GET /api/metrics/fcr for a range and grouping, reloaded at every `version`. */
export function useFcrReport(api: AgentApi, range: { from: string; to: string } | null, groupBy: MetricsGrouping, version: number) {
  const [report, setReport] = useState<FcrReport | null>(null);
  const from = range?.from;
  const to = range?.to;
  useEffect(() => {
    if (!from || !to) return;
    let cancelled = false;
    api.get<FcrReport>(`/api/metrics/fcr?${fcrQuery(from, to, groupBy)}`).then((next) => !cancelled && setReport(next), () => undefined);
    return () => {
      cancelled = true;
    };
  }, [api, from, to, groupBy, version]);
  return report;
}
