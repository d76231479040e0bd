import { useCallback, useEffect, useState } from 'react';
import type { CustomerExportList } from '@firsthand/http-contracts';
import type { AgentApi } from '../../shared/session/agent-session.js';

const POLL_MS = 2000;
/** The page shows the latest few; the route answers up to 50. */
const SHOWN = 10;

/**
 * The customer's exports as the API lists them. While one is queued or being written the list is
 * read again every two seconds: the worker's progress is not pushed to the page.
 */
export function useCustomerExports(api: AgentApi, customerId: string) {
  const [list, setList] = useState<CustomerExportList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    try {
      setList(await api.get<CustomerExportList>(`/api/customers/${customerId}/exports?limit=${SHOWN}`));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [api, customerId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const waiting = Boolean(list?.items.some((e) => e.state === 'queued' || e.state === 'running'));
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => void reload(), POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, reload]);
  return { list, error, reload };
}
