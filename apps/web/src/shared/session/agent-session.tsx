import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { apiFetch, ApiProblem, type RequestOptions } from '../api/http.js';
import type { LoginAnswer, LoginOutcome, SignedInAgent } from '@firsthand/http-contracts';

const STORAGE_KEY = 'firsthand.session';

export interface AgentSession {
  accessToken: string;
  agent: SignedInAgent;
  /** The token allows only enrolling a second factor (the role requires one). */
  enrolmentRequired?: boolean;
}

/** A password sign-in that needs a code from the authenticator app (or a recovery code) to finish. */
export interface PendingSecondFactor {
  challenge: string;
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
  /** Null when signed in; a pending second factor when the agent must send a code. */
  signIn(email: string, password: string): Promise<PendingSecondFactor | null>;
  /** `code`: six digits from the app, or a recovery code. */
  completeSecondFactor(pending: PendingSecondFactor, code: string): Promise<void>;
  /** Takes over a new sign-in (after enrolling a second factor). */
  adopt(answer: LoginAnswer): void;
  /** Ends the session on the server too, so the token stops working everywhere it was copied. */
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

  const adopt = useCallback((answer: LoginAnswer) => {
    const next: AgentSession = { accessToken: answer.accessToken, agent: answer.agent, enrolmentRequired: answer.enrolmentRequired };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setSession(next);
  }, []);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const answer = await apiFetch<LoginOutcome>('/api/auth/login', { body: { email, password } });
      if ('secondFactorRequired' in answer) return { challenge: answer.challenge };
      adopt(answer);
      return null;
    },
    [adopt],
  );

  const completeSecondFactor = useCallback(
    async (pending: PendingSecondFactor, code: string) => {
      const typed = code.trim();
      const body = /^\d{6}$/.test(typed) ? { challenge: pending.challenge, code: typed } : { challenge: pending.challenge, recoveryCode: typed };
      adopt(await apiFetch<LoginAnswer>('/api/auth/login/second-factor', { body }));
    },
    [adopt],
  );

  const signOut = useCallback(() => {
    const token = session?.accessToken;
    if (token) void apiFetch<void>('/api/auth/logout', { method: 'POST', token }).catch(() => undefined);
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(null);
  }, [session]);

  const value = useMemo(() => ({ session, signIn, completeSecondFactor, adopt, signOut }), [session, signIn, completeSecondFactor, adopt, signOut]);
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
