import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { TicketEventSequencer, type CatchUp, type LiveTicketEvent } from '@firsthand/realtime-contracts';
import type { TicketChange, TicketEventPage, TicketEventView, TicketView } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';
import { onEveryConnect } from '../shared/live/use-live-socket.js';
import { debounce } from '../shared/time/debounce.js';
import type { AgentSocket } from './agent-socket.js';

const PAGE = 500;
const GAP_WAIT_MS = 1500;

export interface TicketStream {
  ticket: TicketView | null;
  events: TicketEventView[];
  /** The last seq on screen: what a reply or status change says the agent has seen. */
  lastSeq: number;
  /** True while this socket is in the ticket's room (presence may be set). */
  following: boolean;
  error: unknown;
  revoked: string | null;
  apply(change: Partial<TicketChange>): void;
  acceptEvents(events: TicketEventView[]): void;
}

/**
 * One ticket and its timeline, live: REST first (ticket, then every event page), then
 * `ticket.follow` from the last seq on every (re)connection. Live events and catch-up answers go
 * through TicketEventSequencer, so each seq shows once and in order; each new one refreshes the ticket.
 */
export function useTicketStream(api: AgentApi, socket: AgentSocket | null, ticketId: string): TicketStream {
  const [ticket, setTicket] = useState<TicketView | null>(null);
  const [events, setEvents] = useState<TicketEventView[]>([]);
  const [ready, setReady] = useState(false);
  const [following, setFollowing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const sequencer = useRef<TicketEventSequencer<TicketEventView> | null>(null);

  const loadTicket = useCallback(() => api.get<TicketView>(`/api/tickets/${ticketId}`), [api, ticketId]);
  const refreshTicket = useMemo(() => debounce(() => void loadTicket().then(setTicket, () => undefined), 120), [loadTicket]);

  const loadAll = useCallback(async () => {
    const view = await loadTicket();
    const all: TicketEventView[] = [];
    for (let after = 0; ; ) {
      const page = await api.get<TicketEventPage>(`/api/tickets/${ticketId}/events?after=${after}&limit=${PAGE}`);
      all.push(...page.items);
      if (page.items.length < PAGE) break;
      after = page.items[page.items.length - 1].seq;
    }
    const delivered: TicketEventView[] = [];
    const seq = new TicketEventSequencer<TicketEventView>(0, (event) => delivered.push(event));
    seq.accept(all);
    return { view, delivered, seq };
  }, [api, loadTicket, ticketId]);

  const install = useCallback(
    ({ view, delivered, seq }: Awaited<ReturnType<typeof loadAll>>) => {
      // From now on, every newly delivered event is appended and refreshes the ticket.
      const live = new TicketEventSequencer<TicketEventView>(seq.last, (event) => {
        setEvents((current) => [...current, event]);
        refreshTicket();
      });
      sequencer.current = live;
      setTicket(view);
      setEvents(delivered);
      setReady(true);
    },
    [refreshTicket],
  );

  useEffect(() => {
    let cancelled = false;
    setTicket(null);
    setEvents([]);
    setReady(false);
    setError(null);
    setRevoked(null);
    sequencer.current = null;
    loadAll().then((loaded) => !cancelled && install(loaded), (e: unknown) => !cancelled && setError(e));
    return () => {
      cancelled = true;
      refreshTicket.cancel();
    };
  }, [loadAll, install, refreshTicket]);

  useEffect(() => {
    if (!socket || !ready) return;
    const onRevoked = (notice: { reason: string; ticketId?: string }) => {
      if (!notice.ticketId || notice.ticketId === ticketId) {
        setRevoked(notice.reason);
        setFollowing(false);
      }
    };
    const onDisconnect = () => setFollowing(false);
    const follow = () => {
      const seq = sequencer.current;
      if (!seq) return;
      socket.timeout(5000).emit('ticket.follow', { ticketId, afterSeq: seq.last }, (err: Error | null, answer: CatchUp<LiveTicketEvent>) => {
        if (err || !answer.ok) return;
        setFollowing(true);
        if (answer.mode === 'snapshot') void loadAll().then(install, setError);
        else seq.accept(answer.events);
      });
    };
    // A seq that stays missing (a message lost between nodes) is asked for again rather than awaited forever.
    const healGap = debounce(() => sequencer.current?.hasGap && follow(), GAP_WAIT_MS);
    const onEvent = (event: LiveTicketEvent) => {
      if (event.ticketId !== ticketId || !sequencer.current) return;
      sequencer.current.accept(event);
      if (sequencer.current.hasGap) healGap();
    };
    socket.on('ticket.event', onEvent);
    socket.on('access.revoked', onRevoked);
    socket.on('disconnect', onDisconnect);
    const stop = onEveryConnect(socket, follow);
    return () => {
      stop();
      healGap.cancel();
      socket.off('ticket.event', onEvent);
      socket.off('access.revoked', onRevoked);
      socket.off('disconnect', onDisconnect);
      setFollowing(false);
      if (socket.connected) socket.emit('ticket.unfollow', { ticketId }, () => undefined);
    };
  }, [socket, ready, ticketId, loadAll, install]);

  const acceptEvents = useCallback((more: TicketEventView[]) => sequencer.current?.accept(more), []);
  const apply = useCallback(
    (change: Partial<TicketChange>) => {
      if (change.ticket) setTicket(change.ticket);
      if (change.events) acceptEvents(change.events);
    },
    [acceptEvents],
  );

  const lastSeq = events.length > 0 ? events[events.length - 1].seq : 0;
  return { ticket, events, lastSeq, following, error, revoked, apply, acceptEvents };
}
