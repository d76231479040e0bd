import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { apiFetch, ApiProblem, type RequestOptions } from '../api/http.js';
import type { LoginAnswer, LoginOutcome, SignedInAgent } from '@firsthand/http-contracts';

const STORAGE_KEY = 'firsthand.session';
/** Set when the API ended this tab's session (signed out everywhere, locked, disabled): the sign-in form says so. */
export const SESSION_ENDED_KEY = 'firsthand.sessionEnded';
/** Composer drafts in this tab (`<prefix><agent id>.<ticket id>`): kept when a session is ended elsewhere, dropped when the agent signs out. */
export const DRAFT_KEY_PREFIX = 'firsthand.draft.';

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
  /** Single sign-on coming back: 'pending' while its one-time code is traded, else a refusal reason (login.sso.*) or null. */
  sso: { pending: boolean; error: string | null };
}

/**
 * The single sign-on redirect lands with `#sso-code=…` or `#sso-error=…`. Read once and wiped from
 * the address bar and history at once, so the code is never bookmarked or shared.
 */
const tradedCodes = new Set<string>();

function ssoReturn(): { code: string | null; error: string | null } {
  if (typeof window === 'undefined' || !window.location.hash.startsWith('#sso-')) return { code: null, error: null };
  const params = new URLSearchParams(window.location.hash.slice(1));
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  const error = params.get('sso-error');
  return { code: params.get('sso-code'), error: error && /^[a-z-]{1,40}$/.test(error) ? error : null };
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

const sameAgent = (a: SignedInAgent, b: SignedInAgent) => a.id === b.id && a.name === b.name && a.email === b.email && a.role === b.role && a.teamId === b.teamId;

export function AgentSessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<AgentSession | null>(load);
  const [returned] = useState(ssoReturn);
  const [sso, setSso] = useState({ pending: returned.code !== null, error: returned.error });

  useEffect(() => {
    // Once per page, even when effects run twice (StrictMode): a second trade would find the code spent.
    if (!returned.code || tradedCodes.has(returned.code)) return;
    tradedCodes.add(returned.code);
    apiFetch<LoginAnswer>('/api/auth/oidc/exchange', { body: { code: returned.code } })
      .then((answer) => {
        const next: AgentSession = { accessToken: answer.accessToken, agent: answer.agent, enrolmentRequired: answer.enrolmentRequired };
        sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
        setSession(next);
        setSso({ pending: false, error: null });
      })
      .catch((error: unknown) => {
        const reason = error instanceof ApiProblem && error.code === 'sign-in-code-invalid' ? 'code-invalid' : error instanceof ApiProblem && error.status === 429 ? 'too-many' : 'unknown';
        setSso({ pending: false, error: reason });
      });
  }, [returned]);

  // Who the agent is now: a role, team or name changed since sign-in (a supervisor demoted, an agent
  // moved) shows on this load instead of the console the sign-in had; a session ended meanwhile signs
  // the tab out with the notice. The API enforces the current role either way.
  const token = session?.accessToken ?? null;
  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    apiFetch<SignedInAgent>('/api/auth/me', { token, signal: controller.signal })
      .then((agent) =>
        setSession((current) => {
          if (!current || current.accessToken !== token || sameAgent(current.agent, agent)) return current;
          const next = { ...current, agent };
          sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
          return next;
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ApiProblem) || error.status !== 401) return;
        sessionStorage.setItem(SESSION_ENDED_KEY, '1');
        sessionStorage.removeItem(STORAGE_KEY);
        setSession((current) => (current?.accessToken === token ? null : current));
      });
    return () => controller.abort();
  }, [token]);

  const adopt = useCallback((answer: LoginAnswer) => {
    const next: AgentSession = { accessToken: answer.accessToken, agent: answer.agent, enrolmentRequired: answer.enrolmentRequired };
    sessionStorage.removeItem(SESSION_ENDED_KEY);
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
    // Signing out on purpose leaves nothing of what was typed for the next person at this screen.
    if (sessionStorage.getItem(SESSION_ENDED_KEY) === null) {
      for (const key of Object.keys(sessionStorage)) if (key.startsWith(DRAFT_KEY_PREFIX)) sessionStorage.removeItem(key);
    }
    if (token) void apiFetch<void>('/api/auth/logout', { method: 'POST', token }).catch(() => undefined);
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(null);
  }, [session]);

  const value = useMemo(() => ({ session, signIn, completeSecondFactor, adopt, signOut, sso }), [session, signIn, completeSecondFactor, adopt, signOut, sso]);
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
        if (error instanceof ApiProblem && error.status === 401) {
          sessionStorage.setItem(SESSION_ENDED_KEY, '1');
          signOut();
        }
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
