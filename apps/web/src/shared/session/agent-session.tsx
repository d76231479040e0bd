import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { apiFetch, ApiProblem, type RequestOptions } from '../api/http.js';
import type { LoginAnswer, SignedInAgent } from '@firsthand/http-contracts';

const STORAGE_KEY = 'firsthand.session';

export interface AgentSession {
  accessToken: string;
  agent: SignedInAgent;
}

/** REST calls as the signed-in agent; a 401 (expired or disabled) signs the tab out. */
export interface AgentApi {
  get<T>(path: string, options?: Omit<RequestOptions, 'token' | 'method' | 'body'>): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  delete(path: string): Promise<void>;
  token: string;
}

interface SessionState {
  session: AgentSession | null;
  signIn(email: string, password: string): Promise<void>;
  signOut(): void;
}

// Per tab (sessionStorage): closing the tab signs out; the strict CSP keeps other scripts away from it.
function load(): AgentSession | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as AgentSession) : null;
  } catch {
    return null;
  }
}

const SessionContext = createContext<SessionState | null>(null);

export function AgentSessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<AgentSession | null>(load);

  const signIn = useCallback(async (email: string, password: string) => {
    const answer = await apiFetch<LoginAnswer>('/api/auth/login', { body: { email, password } });
    const next = { accessToken: answer.accessToken, agent: answer.agent };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setSession(next);
  }, []);

  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(null);
  }, []);

  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useAgentSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useAgentSession outside AgentSessionProvider');
  return value;
}

/** The API as the signed-in agent; only for components rendered after sign-in. */
export function useAgentApi(): AgentApi {
  const { session, signOut } = useAgentSession();
  if (!session) throw new Error('useAgentApi before sign-in');
  const token = session.accessToken;
  return useMemo(() => {
    const guard = async <T,>(call: Promise<T>): Promise<T> => {
      try {
        return await call;
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 401) signOut();
        throw error;
      }
    };
    return {
      token,
      get: <T,>(path: string, options: Omit<RequestOptions, 'token' | 'method' | 'body'> = {}) => guard(apiFetch<T>(path, { ...options, token })),
      post: <T,>(path: string, body: unknown = {}) => guard(apiFetch<T>(path, { method: 'POST', body, token })),
      patch: <T,>(path: string, body: unknown) => guard(apiFetch<T>(path, { method: 'PATCH', body, token })),
      put: <T,>(path: string, body: unknown) => guard(apiFetch<T>(path, { method: 'PUT', body, token })),
      delete: (path: string) => guard(apiFetch<void>(path, { method: 'DELETE', token })),
    };
  }, [token, signOut]);
}

export function useSignedInAgent(): SignedInAgent {
  const { session } = useAgentSession();
  if (!session) throw new Error('useSignedInAgent before sign-in');
  return session.agent;
}
