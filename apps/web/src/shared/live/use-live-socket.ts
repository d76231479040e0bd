import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { LiveNamespace } from '@firsthand/realtime-contracts';
import { clientConfig } from './client-config.js';
import { afterHandshakeRefusal } from './handshake-refusal.js';

export type LiveStatus = 'connecting' | 'live' | 'offline' | 'refused';

// socket.io-client's own event-map constraint (an `any` index signature admits interfaces).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EventMap = { [event: string]: any };

export interface LiveSocket<S extends EventMap, C extends EventMap> {
  socket: Socket<S, C> | null;
  status: LiveStatus;
  /** Why the gateway refused the handshake (invalid-token, invalid-tracking-token, ...). */
  refusal: string | null;
}

/**
 * One socket.io connection to a gateway namespace, authenticated in the handshake. socket.io
 * reconnects by itself after a drop or a drain; every reconnection is a new handshake, so listeners
 * re-follow on each 'connect' (see onEveryConnect).
 */
export function useLiveSocket<S extends EventMap, C extends EventMap>(namespace: LiveNamespace, auth: Record<string, string> | null): LiveSocket<S, C> {
  const [state, setState] = useState<LiveSocket<S, C>>({ socket: null, status: 'connecting', refusal: null });
  const authKey = auth ? JSON.stringify(auth) : null;

  useEffect(() => {
    if (!authKey) return;
    let socket: Socket<S, C> | null = null;
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let refusals = 0;
    setState({ socket: null, status: 'connecting', refusal: null });
    clientConfig().then(
      ({ gatewayUrl }) => {
        if (cancelled) return;
        socket = io(`${gatewayUrl}${namespace}`, {
          auth: JSON.parse(authKey) as Record<string, string>,
          transports: ['websocket', 'polling'],
          reconnectionDelayMax: 5000,
        }) as Socket<S, C>;
        const current = socket;
        current.on('connect', () => {
          refusals = 0;
          setState({ socket: current, status: 'live', refusal: null });
        });
        current.on('disconnect', () => setState((s) => ({ ...s, status: 'offline' })));
        current.on('connect_error', (error: Error) => {
          if (current.active) return setState({ socket: current, status: 'offline', refusal: null });
          // A refused handshake (middleware error) ends socket.io's own reconnecting; a gateway that
          // could not check it is asked again, a refused credential stays refused.
          const next = afterHandshakeRefusal(error.message, ++refusals);
          if ('final' in next) return setState({ socket: current, status: 'refused', refusal: error.message });
          setState({ socket: current, status: 'offline', refusal: null });
          retry = setTimeout(() => {
            if (!cancelled) current.connect();
          }, next.retryInMs);
        });
        setState({ socket: current, status: 'connecting', refusal: null });
      },
      () => {
        if (!cancelled) setState({ socket: null, status: 'offline', refusal: null });
      },
    );
    return () => {
      cancelled = true;
      if (retry) clearTimeout(retry);
      socket?.removeAllListeners();
      socket?.close();
    };
  }, [namespace, authKey]);

  return state;
}

/** Runs `fn` now if connected and again after every reconnection; returns the cleanup. */
export function onEveryConnect<S extends EventMap, C extends EventMap>(socket: Socket<S, C>, fn: () => void): () => void {
  if (socket.connected) fn();
  socket.on('connect', fn);
  return () => {
    socket.off('connect', fn);
  };
}
