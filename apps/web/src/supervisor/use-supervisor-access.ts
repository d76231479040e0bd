import { useEffect, useState } from 'react';
import type { AgentRole } from '@firsthand/domain';
import type { ColleagueList } from '@firsthand/http-contracts';
import type { SupervisorServerEvents } from '@firsthand/realtime-contracts';
import type { LiveSocket } from '../shared/live/use-live-socket.js';
import type { AgentApi } from '../shared/session/agent-session.js';

/** The supervisor view was taken away while open: `role` is the one the agent has now, once known. */
export interface SupervisorAccessLost {
  role: AgentRole | null;
}

/**
 * Whether this tab's agent may still see the supervisor view. A demotion shows first on the live
 * socket: the gateway says `access.revoked` and drops it, and refuses a new handshake with
 * `supervisor-role-required`. The session itself goes on (the agent console still works), so the
 * session probe never hears a 401: without this the dashboard would wait to reconnect for ever.
 */
export function useSupervisorAccess(api: AgentApi, live: LiveSocket<SupervisorServerEvents, Record<string, never>>, agentId: string): SupervisorAccessLost | null {
  const [lost, setLost] = useState<SupervisorAccessLost | null>(null);
  const socket = live.socket;

  useEffect(() => {
    if (!socket) return;
    const onRevoked = () => setLost((current) => current ?? { role: null });
    socket.on('access.revoked', onRevoked);
    return () => {
      socket.off('access.revoked', onRevoked);
    };
  }, [socket]);

  const refusedRole = live.status === 'refused' && live.refusal === 'supervisor-role-required';
  useEffect(() => {
    if (refusedRole) setLost((current) => current ?? { role: null });
  }, [refusedRole]);

  const revoked = lost !== null;
  useEffect(() => {
    if (!revoked) return;
    let current = true;
    api.get<ColleagueList>('/api/colleagues').then(
      (list) => {
        const role = list.items.find((colleague) => colleague.id === agentId)?.role ?? null;
        if (current && role) setLost({ role });
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [revoked, api, agentId]);

  return lost;
}
