import { useEffect, useState } from 'react';
import type { TicketNotificationList } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';
import { anyOnItsWay, customerDeliveriesBySeq, nextReadDelayMs, type CustomerDelivery } from './customer-deliveries.js';

const NONE = new Map<number, CustomerDelivery[]>();

/**
 * What the ticket's customer was sent about each event, and how far it got. Read when the timeline
 * grows, then again after 1, 2, 4 and 8 s (the worker plans a new event's messages after it commits)
 * and on, at most every 15 s, while one is still on its way: a send's outcome is recorded by the
 * worker with no event of the ticket's own to announce it.
 */
export function useCustomerDeliveries(api: AgentApi, ticketId: string, lastSeq: number): Map<number, CustomerDelivery[]> {
  // Kept with the ticket they were read for: another ticket's (same seqs, other messages) never shows while this one's are read.
  const [deliveries, setDeliveries] = useState<{ ticketId: string; bySeq: Map<number, CustomerDelivery[]> } | null>(null);
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = (round: number) => {
      api.get<TicketNotificationList>(`/api/tickets/${ticketId}/notifications`).then(
        (list) => {
          if (cancelled) return;
          const bySeq = customerDeliveriesBySeq(list.items);
          setDeliveries({ ticketId, bySeq });
          const delay = nextReadDelayMs(round, anyOnItsWay(bySeq.values()));
          if (delay !== null) timer = setTimeout(() => read(round + 1), delay);
        },
        // A failed read leaves what was shown; the next event (or a reload) reads again.
        () => undefined,
      );
    };
    read(0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, ticketId, lastSeq]);
  return deliveries?.ticketId === ticketId ? deliveries.bySeq : NONE;
}
