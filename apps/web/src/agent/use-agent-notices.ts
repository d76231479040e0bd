import { useEffect, useState } from 'react';
import type { AgentNotification } from '@firsthand/realtime-contracts';
import type { AgentSocket } from './agent-socket.js';

const SHOWN = 5;

/**
 * Notices the worker pushes to this agent (SLA warnings, escalations, customer replies, handoffs
 * offered): the newest few, each once (the worker may push one twice). `onNotice` lets the console
 * refresh its lists at once, e.g. "Handoffs for me".
 */
export function useAgentNotices(socket: AgentSocket | null, onNotice: (notice: AgentNotification) => void): AgentNotification[] {
  const [notices, setNotices] = useState<AgentNotification[]>([]);
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
  return notices;
}
