import { useCallback, useEffect, useRef, useState } from 'react';
import type { PresenceEntry, TicketPresence } from '@firsthand/realtime-contracts';
import type { AgentSocket } from './agent-socket.js';

const REFRESH_MS = 20_000; // the gateway forgets an entry after 30 s
const TYPING_IDLE_MS = 4000;

/** Who else is on this ticket ("Li is viewing / typing"), and this agent's own presence. */
export function usePresence(socket: AgentSocket | null, ticketId: string, following: boolean, meId: string) {
  const [agents, setAgents] = useState<PresenceEntry[]>([]);
  const state = useRef<'viewing' | 'typing'>('viewing');
  const idle = useRef<number | null>(null);

  const send = useCallback(
    (next: 'viewing' | 'typing') => {
      state.current = next;
      if (socket?.connected && following) socket.emit('presence.set', { ticketId, state: next }, () => undefined);
    },
    [socket, ticketId, following],
  );

  useEffect(() => {
    if (!socket) return;
    const onPresence = (presence: TicketPresence) => {
      if (presence.ticketId === ticketId) setAgents(presence.agents);
    };
    socket.on('presence', onPresence);
    return () => {
      socket.off('presence', onPresence);
    };
  }, [socket, ticketId]);

  useEffect(() => {
    if (!following) return;
    send(state.current);
    const timer = window.setInterval(() => send(state.current), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [following, send]);

  useEffect(() => () => {
    if (idle.current) window.clearTimeout(idle.current);
  }, []);

  const typing = useCallback(() => {
    if (state.current !== 'typing') send('typing');
    if (idle.current) window.clearTimeout(idle.current);
    idle.current = window.setTimeout(() => send('viewing'), TYPING_IDLE_MS);
  }, [send]);

  /** Back to "viewing" at once, e.g. after the message was sent. */
  const stopTyping = useCallback(() => {
    if (idle.current) window.clearTimeout(idle.current);
    if (state.current === 'typing') send('viewing');
  }, [send]);

  const others = agents.filter((a) => a.agentId !== meId);
  return { others, typing, stopTyping };
}
