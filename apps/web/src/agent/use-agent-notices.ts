import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import type { AgentNotification } from '@firsthand/realtime-contracts';
import type { AgentSocket } from './agent-socket.js';
import { withoutSettledHandoffs } from './handoff-notices.js';

const SHOWN = 5;

/**
 * Notices the worker pushes to this agent (SLA warnings, escalations, customer replies, handoffs
 * offered, reopens): the newest few, each once (the worker may push one twice), until dismissed.
 * `onNotice` lets the console refresh its lists at once, e.g. "Handoffs for me".
 */
export function useAgentNotices(socket: AgentSocket | null, onNotice: (notice: AgentNotification) => void): { notices: AgentNotification[]; dismiss(id: string): void } {
  const [notices, setNotices] = useState<AgentNotification[]>([]);
  const dismiss = useCallback((id: string) => setNotices((shown) => shown.filter((n) => n.id !== id)), []);
  useEffect(() => {
    if (!socket) return;
    const receive = (notice: AgentNotification) => {
      setNotices((shown) => (shown.some((n) => n.id === notice.id) ? shown : [notice, ...shown].slice(0, SHOWN)));
      onNotice(notice);
    };
    socket.on('notification', receive);
    return () => {
      socket.off('notification', receive);
    };
  }, [socket, onNotice]);
  return { notices, dismiss };
}

/** The console's notices without settled handoff proposals (see `withoutSettledHandoffs`). */
export function useOpenNotices(notices: readonly AgentNotification[], offeredNow: readonly { id: string }[]): AgentNotification[] {
  const [seenOffered, see] = useReducer(
    (seen: ReadonlySet<string>, ids: readonly string[]) => (ids.every((id) => seen.has(id)) ? seen : new Set([...seen, ...ids])),
    new Set<string>(),
  );
  useEffect(() => see(offeredNow.map((t) => t.id)), [offeredNow]);
  return useMemo(() => withoutSettledHandoffs(notices, seenOffered, offeredNow), [notices, seenOffered, offeredNow]);
}
