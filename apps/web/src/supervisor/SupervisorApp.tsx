import { useI18n } from '../shared/i18n/i18n.js';
import { AgentSessionProvider, useAgentSession } from '../shared/session/agent-session.js';
import { LoginForm } from '../shared/session/LoginForm.js';
import { SessionTools } from '../shared/session/SessionTools.js';
import { AppHeader } from '../shared/ui/AppHeader.js';
import { Notice } from '../shared/ui/Notice.js';
import { SupervisorDashboard } from './SupervisorDashboard.js';
import './supervisor.css';

/** `/supervisor`: supervisors and admins sign in to the live dashboard. */
export function SupervisorApp() {
  return (
    <AgentSessionProvider>
      <Gate />
    </AgentSessionProvider>
  );
}

function Gate() {
  const { t } = useI18n();
  const { session } = useAgentSession();
  if (session && (session.agent.role === 'supervisor' || session.agent.role === 'admin')) return <SupervisorDashboard />;
  return (
    <>
      <AppHeader title={t('sup.title')}>
        <SessionTools />
      </AppHeader>
      <main id="main">
        {session ? <Notice tone="warning">{t('login.supervisorOnly', { name: session.agent.name, role: session.agent.role })}</Notice> : <LoginForm />}
      </main>
    </>
  );
}
