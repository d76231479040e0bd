import { useEffect, useMemo, useState } from 'react';
import type { LiveTicketEvent, SupervisorServerEvents } from '@firsthand/realtime-contracts';
import type { LiveMetricsView, NotificationItem } from '@firsthand/http-contracts';
import { onEveryConnect } from '../shared/live/use-live-socket.js';
import { coalesce, debounce } from '../shared/time/debounce.js';
import type { Socket } from 'socket.io-client';
import { ESCALATION_TYPES } from './supervisor-events.js';

const LIVE_WINDOW_MS = 150;
// The heavier reports (ranges, tables, unclaimed list) follow once a burst is over, so they do not
// compete with the live figures for the API right after a change.
const REPORTS_DEBOUNCE_MS = 400;

export interface SupervisorStream {
  /** Bumped at once after a ticket event, then at most once per 150 ms, and on every (re)connection: reload the live figures. */
  liveVersion: number;
  /** Bumped 400 ms after the last ticket event, and on every (re)connection: reload reports and lists. */
  reportsVersion: number;
  escalations: LiveTicketEvent[];
  pushedMetrics: LiveMetricsView | null;
  failed: NotificationItem | null;
}

/** The /supervisors stream turned into "reload now" signals, the live escalation feed and pushed payloads. */
export function useSupervisorStream(socket: Socket<SupervisorServerEvents> | null): SupervisorStream {
  const [liveVersion, setLiveVersion] = useState(0);
  const [reportsVersion, setReportsVersion] = useState(0);
  const [escalations, setEscalations] = useState<LiveTicketEvent[]>([]);
  const [pushedMetrics, setPushedMetrics] = useState<LiveMetricsView | null>(null);
  const [failed, setFailed] = useState<NotificationItem | null>(null);
  const bump = useMemo(() => {
    const live = coalesce(() => setLiveVersion((v) => v + 1), LIVE_WINDOW_MS);
    const reports = debounce(() => setReportsVersion((v) => v + 1), REPORTS_DEBOUNCE_MS);
    const both = () => {
      live();
      reports();
    };
    both.cancel = () => {
      live.cancel();
      reports.cancel();
    };
    return both;
  }, []);

  useEffect(() => {
    if (!socket) return;
    const onEvent = (event: LiveTicketEvent) => {
      bump();
      if (ESCALATION_TYPES.has(event.type)) setEscalations((list) => [event, ...list.filter((e) => e.id !== event.id)].slice(0, 20));
    };
    const onMetrics = (metrics: LiveMetricsView) => {
      if (metrics && typeof metrics === 'object' && 'today' in metrics) setPushedMetrics(metrics);
    };
    const onFailed = (item: NotificationItem) => {
      if (item && typeof item === 'object' && 'id' in item) setFailed(item);
    };
    socket.on('ticket.event', onEvent);
    socket.on('queue.changed', bump);
    socket.on('metrics.changed', onMetrics);
    socket.on('notification.failed', onFailed);
    const stop = onEveryConnect(socket, () => {
      setLiveVersion((v) => v + 1);
      setReportsVersion((v) => v + 1);
    });
    return () => {
      bump.cancel();
      stop();
      socket.off('ticket.event', onEvent);
      socket.off('queue.changed', bump);
      socket.off('metrics.changed', onMetrics);
      socket.off('notification.failed', onFailed);
    };
  }, [socket, bump]);

  return { liveVersion, reportsVersion, escalations, pushedMetrics, failed };
}
