import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CustomerTimelineEntry } from '@firsthand/domain';
import { LiveNamespace, TicketEventSequencer, type CatchUp, type CustomerClientEvents, type CustomerServerEvents, type LiveCustomerEvent } from '@firsthand/realtime-contracts';
import { apiFetch } from '../shared/api/http.js';
import type { TrackView } from '@firsthand/http-contracts';
import { debounce } from '../shared/time/debounce.js';
import { onEveryConnect, useLiveSocket, type LiveStatus } from '../shared/live/use-live-socket.js';

const GAP_WAIT_MS = 1500;

export interface CustomerStream {
  view: TrackView | null;
  timeline: CustomerTimelineEntry[];
  error: unknown;
  live: LiveStatus;
  /** Apply the view a customer action answered with. */
  apply(view: TrackView): void;
}

/**
 * The customer's ticket, live: the REST view first, then the /customers stream ordered by seq
 * (TicketEventSequencer), caught up after every (re)connection. Each new event refreshes the
 * view's stage and promise; the timeline grows from the events themselves, at once.
 */
export function useCustomerStream(code: string, token: string): CustomerStream {
  const [view, setView] = useState<TrackView | null>(null);
  const [entries, setEntries] = useState<Map<number, CustomerTimelineEntry>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const sequencer = useRef<TicketEventSequencer<LiveCustomerEvent> | null>(null);

  const merge = useCallback((more: readonly CustomerTimelineEntry[]) => {
    if (more.length === 0) return;
    setEntries((current) => {
      const next = new Map(current);
      for (const entry of more) next.set(entry.seq, entry);
      return next;
    });
  }, []);

  const apply = useCallback(
    (next: TrackView) => {
      setView(next);
      merge(next.timeline);
    },
    [merge],
  );

  const load = useCallback(() => apiFetch<TrackView>(`/api/track/${encodeURIComponent(code)}`, { trackingToken: token }), [code, token]);
  const refresh = useMemo(() => debounce(() => void load().then(apply, setError), 150), [load, apply]);

  useEffect(() => {
    let cancelled = false;
    load().then(
      (first) => {
        if (cancelled) return;
        sequencer.current = new TicketEventSequencer<LiveCustomerEvent>(first.lastSeq, (event) => {
          if (!event.hidden) {
            const { ticketCode: _code, hidden: _hidden, ...entry } = event;
            merge([entry]);
          }
          refresh();
        });
        apply(first);
      },
      (e: unknown) => !cancelled && setError(e),
    );
    return () => {
      cancelled = true;
      refresh.cancel();
    };
  }, [load, apply, merge, refresh]);

  const { socket, status } = useLiveSocket<CustomerServerEvents, CustomerClientEvents>(LiveNamespace.Customers, view ? { code, token } : null);

  useEffect(() => {
    if (!socket) return;
    const catchUp = () => {
      const seq = sequencer.current;
      if (!seq) return;
      socket.timeout(5000).emit('ticket.catch-up', { afterSeq: seq.last }, (err: Error | null, answer: CatchUp<LiveCustomerEvent>) => {
        if (err || !answer.ok) return;
        if (answer.mode === 'snapshot') {
          void load().then((fresh) => {
            seq.resetTo(fresh.lastSeq);
            apply(fresh);
          });
        } else seq.accept(answer.events);
      });
    };
    // A seq that stays missing is asked for again rather than awaited forever.
    const healGap = debounce(() => sequencer.current?.hasGap && catchUp(), GAP_WAIT_MS);
    const onEvent = (event: LiveCustomerEvent) => {
      sequencer.current?.accept(event);
      if (sequencer.current?.hasGap) healGap();
    };
    socket.on('ticket.event', onEvent);
    const stop = onEveryConnect(socket, catchUp);
    return () => {
      socket.off('ticket.event', onEvent);
      healGap.cancel();
      stop();
    };
  }, [socket, load, apply]);

  const timeline = useMemo(() => [...entries.values()].sort((a, b) => a.seq - b.seq), [entries]);
  return { view, timeline, error, live: status, apply };
}
