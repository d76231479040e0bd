import { useEffect, useState } from 'react';
import type { Availability } from '@firsthand/domain';
import type { AgentAvailability } from '@firsthand/http-contracts';
import { apiFetch } from '../api/http.js';
import { useI18n } from '../i18n/i18n.js';
import { useAgentSession } from './agent-session.js';

/**
 * Online or away, as colleagues and supervisors will see it while this console is open (closed, the
 * agent is offline whatever is chosen here). Read on sign-in; a failed change puts the choice back.
 */
export function AvailabilitySwitch() {
  const { t } = useI18n();
  const { session } = useAgentSession();
  const token = session && !session.enrolmentRequired ? session.accessToken : null;
  const [chosen, setChosen] = useState<Availability | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!token) return;
    let live = true;
    apiFetch<AgentAvailability>('/api/agents/me/availability', { token }).then(
      (answer) => live && setChosen(answer.availability),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [token]);
  if (!token || chosen === null) return null;
  const choose = (next: Availability) => {
    const before = chosen;
    setChosen(next);
    setFailed(false);
    apiFetch<AgentAvailability>('/api/agents/me/availability', { method: 'PUT', token, body: { availability: next } }).then(
      (answer) => setChosen(answer.availability),
      () => {
        setChosen(before);
        setFailed(true);
      },
    );
  };
  return (
    <div className="availability-switch">
      <label htmlFor="availability-switch">{t('availability.label')}</label>
      <select id="availability-switch" value={chosen} onChange={(e) => choose(e.target.value === 'away' ? 'away' : 'online')} aria-describedby={failed ? 'availability-failed' : undefined}>
        <option value="online">{t('presence.online')}</option>
        <option value="away">{t('presence.away')}</option>
      </select>
      {failed && (
        <span id="availability-failed" className="field-error" role="alert">
          {t('availability.failed')}
        </span>
      )}
    </div>
  );
}
