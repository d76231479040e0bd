import { useCallback, useEffect, useMemo, useState } from 'react';
import type { QueueChange } from '@firsthand/realtime-contracts';
import type { TicketPage, TicketView } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';
import { onEveryConnect } from '../shared/live/use-live-socket.js';
import type { AgentSocket } from './agent-socket.js';
import { byUrgency } from './urgency.js';

export interface TakenNotice {
  ticketId: string;
  code: string;
  ownerName: string;
  at: number;
}

/** How many of the most urgent the queue reads; the API's largest page. */
export const QUEUE_PAGE = 100;

/**
 * The team queue, live: unclaimed new tickets sorted by SLA urgency. It reads the most urgent
 * (`order=due`), so in a backlog the tickets about to breach are the ones shown; `more` says others
 * wait behind them. A `created` change adds the ticket; a claim, reassignment or handoff removes it
 * at once and says who took it. Every (re)connection reloads the list, since changes made while
 * offline were not received, and so does a backlog's list once claims have taken half of it.
 */
export function useTeamQueue(api: AgentApi, socket: AgentSocket | null, meId: string) {
  const [tickets, setTickets] = useState<Map<string, TicketView>>(new Map());
  const [more, setMore] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [taken, setTaken] = useState<TakenNotice | null>(null);
  const [arrived, setArrived] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const page = await api.get<TicketPage>(`/api/tickets?owner=unowned&status=new&order=due&limit=${QUEUE_PAGE}`);
    setTickets(new Map(page.items.map((t) => [t.id, t])));
    setMore(page.nextCursor !== null);
    setLoaded(true);
  }, [api]);

  // The next most urgent move up as the shown ones are claimed; one read per half page, not per claim.
  const refill = more && loaded && tickets.size < QUEUE_PAGE / 2;
  useEffect(() => {
    if (refill) void reload().catch(() => undefined);
  }, [refill, reload]);

  const remove = useCallback((ticketId: string) => {
    setTickets((current) => {
      if (!current.has(ticketId)) return current;
      const next = new Map(current);
      next.delete(ticketId);
      return next;
    });
  }, []);

  useEffect(() => {
    void reload().catch(() => undefined);
  }, [reload]);

  useEffect(() => {
    if (!socket) return;
    const onChange = (change: QueueChange) => {
      if (change.change === 'created' && change.ownerId === null && change.status === 'new') {
        void api.get<TicketView>(`/api/tickets/${change.ticketId}`).then(
          (ticket) => {
            // A ticket the bot holds joins the queue when the hold ends (another `created` change then).
            if (ticket.owner || ticket.status !== 'new' || ticket.bot?.outcome === 'held') return;
            setTickets((current) => new Map(current).set(ticket.id, ticket));
            setArrived(ticket.code);
          },
          () => undefined,
        );
        return;
      }
      if (change.ownerId !== null || change.status !== 'new') {
        remove(change.ticketId);
        const tookIt = change.change === 'claimed' || change.change === 'reassigned' || change.change === 'handed_off';
        if (tookIt && change.ownerId && change.ownerId !== meId && change.ownerName) {
          setTaken({ ticketId: change.ticketId, code: change.code, ownerName: change.ownerName, at: Date.now() });
        }
      }
    };
    socket.on('queue.changed', onChange);
    const stop = onEveryConnect(socket, () => void reload().catch(() => undefined));
    return () => {
      socket.off('queue.changed', onChange);
      stop();
    };
  }, [socket, api, meId, reload, remove]);

  const sorted = useMemo(() => byUrgency([...tickets.values()]), [tickets]);
  return { tickets: sorted, more, loaded, taken, arrived, remove, reload };
}
