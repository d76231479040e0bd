import { useEffect, useRef } from 'react';
import { useI18n } from '../shared/i18n/i18n.js';
import { roleLabel } from '../shared/i18n/role-label.js';
import { useAgentSession } from '../shared/session/agent-session.js';
import { SessionTools } from '../shared/session/SessionTools.js';
import { AppHeader } from '../shared/ui/AppHeader.js';
import { Notice } from '../shared/ui/Notice.js';
import type { SupervisorAccessLost as Lost } from './use-supervisor-access.js';

/** Shown instead of the dashboard once the agent may no longer see it: nothing stale stays on screen to act on. */
export function SupervisorAccessLost({ lost }: { lost: Lost }) {
  const { t } = useI18n();
  const { signOut } = useAgentSession();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <AppHeader title={t('sup.title')}>
        <SessionTools />
      </AppHeader>
      <main id="main">
        <h1 className="visually-hidden" tabIndex={-1} ref={heading}>
          {t('sup.title')}
        </h1>
        <Notice tone="warning" testId="supervisor-access-lost">
          {lost.role ? t('sup.accessRevoked', { role: roleLabel(lost.role, t) }) : t('sup.accessRevokedNoRole')}
        </Notice>
        <p className="access-lost-actions">
          <a className="button primary" href="/agent">
            {t('sup.openConsole')}
          </a>{' '}
          <button type="button" onClick={signOut}>
            {t('sup.signInAgain')}
          </button>
        </p>
      </main>
    </>
  );
}
