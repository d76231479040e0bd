import { useEffect, useState } from 'react';
import type { TicketNotificationList } from '@firsthand/http-contracts';
import { ApiProblem } from '../shared/api/http.js';
import type { AgentApi } from '../shared/session/agent-session.js';
import type { AgentSocket } from './agent-socket.js';
import { customerDeliveriesBySeq, nextReadDelayMs, readBackoffMs, type CustomerDelivery } from './customer-deliveries.js';

const NONE = new Map<number, CustomerDelivery[]>();

/**
 * What the ticket's customer was sent about each event, and how far it got. Read when the timeline
 * grows, then again after 1, 2, 4 and 8 s (the worker plans a new event's messages after it commits),
 * and on while one is still on its way (customer-deliveries.ts, `nextReadDelayMs`): a send's outcome
 * is recorded by the worker with no event of the ticket's own to announce it. A send that failed for
 * good, a bounce, or a supervisor's retry is pushed (`ticket.deliveries`): that starts the reads over.
 */
export function useCustomerDeliveries(api: AgentApi, socket: AgentSocket | null, ticketId: string, lastSeq: number): Map<number, CustomerDelivery[]> {
  // Kept with the ticket they were read for: another ticket's (same seqs, other messages) never shows while this one's are read.
  const [deliveries, setDeliveries] = useState<{ ticketId: string; bySeq: Map<number, CustomerDelivery[]> } | null>(null);
  const [pushes, setPushes] = useState(0);
  useEffect(() => {
    if (!socket) return;
    const onChange = (notice: { ticketId: string }) => {
      if (notice.ticketId === ticketId) setPushes((n) => n + 1);
    };
    socket.on('ticket.deliveries', onChange);
    return () => {
      socket.off('ticket.deliveries', onChange);
    };
  }, [socket, ticketId]);
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = (round: number) => {
      api.get<TicketNotificationList>(`/api/tickets/${ticketId}/notifications?recipient=customer`).then(
        (list) => {
          if (cancelled) return;
          const bySeq = customerDeliveriesBySeq(list.items);
          setDeliveries({ ticketId, bySeq });
          const delay = nextReadDelayMs(round, bySeq.values());
          if (delay !== null) timer = setTimeout(() => read(round + 1), delay);
        },
        (error: unknown) => {
          // A failed read leaves what was shown and tries again (a blip, a restarting API); one the
          // agent may not make (signed out, the ticket gone or out of reach) is not repeated.
          if (cancelled || (error instanceof ApiProblem && [401, 403, 404].includes(error.status))) return;
          timer = setTimeout(() => read(round + 1), readBackoffMs(round));
        },
      );
    };
    read(0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, ticketId, lastSeq, pushes]);
  return deliveries?.ticketId === ticketId ? deliveries.bySeq : NONE;
}
