import { useCallback, useEffect, useState } from 'react';
import type { CustomerProfile, CustomerTicketSummary } from '@firsthand/http-contracts';
import type { AgentApi } from '../../shared/session/agent-session.js';

export interface CustomerProfileState {
  profile: CustomerProfile | null;
  /** Every page of tickets loaded so far. */
  tickets: CustomerTicketSummary[];
  error: Error | null;
  hasMore: boolean;
  loadMore(): void;
}

/** The customer's profile, read again when `version` moves (after a tier change or a merge); more tickets page by page. */
export function useCustomerProfile(api: AgentApi, customerId: string, version = 0, pageSize = 20): CustomerProfileState {
  const [profile, setProfile] = useState<CustomerProfile | null>(null);
  const [tickets, setTickets] = useState<CustomerTicketSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    let cancelled = false;
    api.get<CustomerProfile>(`/api/customers/${customerId}?limit=${pageSize}`).then(
      (answer) => {
        if (cancelled) return;
        setProfile(answer);
        setTickets(answer.tickets.items);
        setCursor(answer.tickets.nextCursor);
        setError(null);
      },
      (failure: Error) => !cancelled && setError(failure),
    );
    return () => {
      cancelled = true;
    };
  }, [api, customerId, version, pageSize]);

  const loadMore = useCallback(() => {
    if (!cursor) return;
    api.get<CustomerProfile>(`/api/customers/${customerId}?limit=${pageSize}&cursor=${encodeURIComponent(cursor)}`).then(
      (answer) => {
        setTickets((loaded) => [...loaded, ...answer.tickets.items.filter((t) => !loaded.some((l) => l.id === t.id))]);
        setCursor(answer.tickets.nextCursor);
      },
      (failure: Error) => setError(failure),
    );
  }, [api, customerId, cursor, pageSize]);

  return { profile, tickets, error, hasMore: cursor !== null, loadMore };
}
