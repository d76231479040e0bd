import { useEffect } from 'react';
import type { LiveStatus } from '../live/use-live-socket.js';
import type { AgentApi } from './agent-session.js';

/** How long a lost live connection waits before asking the API whether the session itself ended. */
const PROBE_AFTER_MS = 2_000;

/**
 * A session ended elsewhere (signed out everywhere, locked, disabled) first shows as a live
 * connection the gateway keeps refusing. Then one authenticated request asks the API: its 401
 * signs this tab out with a notice (`useAgentApi`), instead of a console that looks signed in.
 */
export function useSessionProbe(api: AgentApi, status: LiveStatus): void {
  useEffect(() => {
    if (status !== 'offline' && status !== 'refused') return;
    const timer = setTimeout(() => void api.get('/api/auth/two-factor').catch(() => undefined), PROBE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [api, status]);
}
