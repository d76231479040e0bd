import { useCallback, useEffect, useState } from 'react';
import type { TicketPage, TicketView } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';
import { byUrgency } from './urgency.js';

/** A ticket list from GET /api/tickets, reloaded whenever `version` changes. */
export function useTicketQuery(api: AgentApi, query: string, version: number) {
  const [tickets, setTickets] = useState<TicketView[]>([]);
  const [loaded, setLoaded] = useState(false);
  const load = useCallback(async () => {
    const page = await api.get<TicketPage>(`/api/tickets?${query}`);
    setTickets(byUrgency(page.items));
    setLoaded(true);
  }, [api, query]);
  useEffect(() => {
    void load().catch(() => undefined);
  }, [load, version]);
  return { tickets, loaded };
}
