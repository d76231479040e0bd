import { useRef } from 'react';
import { takesTickets } from '@firsthand/domain';
import { useI18n } from '../i18n/i18n.js';
import { useAgentSession } from './agent-session.js';
import { AvailabilitySwitch } from './AvailabilitySwitch.js';
import { SecuritySettings } from './SecuritySettings.js';

/** The signed-in agent's name, their security settings (two-factor, sign out everywhere) and a sign-out button, for the header. */
export function SessionTools() {
  const { t } = useI18n();
  const { session, signOut } = useAgentSession();
  const dialog = useRef<HTMLDialogElement>(null);
  if (!session) return null;
  return (
    <>
      <span className="signed-in">{t('app.signedInAs', { name: session.agent.name })}</span>
      {/* Only people who take tickets are online or away for colleagues (supervisors' pages open no agents socket). */}
      {takesTickets(session.agent.role) && <AvailabilitySwitch />}
      <button type="button" onClick={() => dialog.current?.showModal()}>
        {t('security.open')}
      </button>
      <dialog ref={dialog} className="security-dialog" aria-label={t('security.title')}>
        <SecuritySettings />
        <form method="dialog">
          <button type="submit">{t('security.close')}</button>
        </form>
      </dialog>
      <button type="button" onClick={signOut}>
        {t('app.signOut')}
      </button>
    </>
  );
}
