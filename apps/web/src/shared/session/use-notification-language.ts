import { useEffect } from 'react';
import { apiFetch } from '../api/http.js';
import { useI18n } from '../i18n/i18n.js';
import { useAgentSession } from './agent-session.js';

/**
 * The signed-in agent's emails and live notices follow the language they read the console in:
 * stored on sign-in and on every switch (the API writes nothing when it is unchanged). A failure
 * changes nothing on screen; the next load tries again.
 */
export function useNotificationLanguageSync(): void {
  const { session } = useAgentSession();
  const { locale } = useI18n();
  const token = session && !session.enrolmentRequired ? session.accessToken : null;
  useEffect(() => {
    if (!token) return;
    apiFetch('/api/agents/me/locale', { method: 'PUT', token, body: { locale } }).catch(() => undefined);
  }, [token, locale]);
}
