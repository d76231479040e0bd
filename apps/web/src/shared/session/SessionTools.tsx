import { useI18n } from '../i18n/i18n.js';
import { useAgentSession } from './agent-session.js';

/** The signed-in agent's name and a sign-out button, for the header. */
export function SessionTools() {
  const { t } = useI18n();
  const { session, signOut } = useAgentSession();
  if (!session) return null;
  return (
    <>
      <span className="signed-in">{t('app.signedInAs', { name: session.agent.name })}</span>
      <button type="button" onClick={signOut}>
        {t('app.signOut')}
      </button>
    </>
  );
}
