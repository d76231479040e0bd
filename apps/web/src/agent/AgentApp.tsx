import { useI18n } from '../shared/i18n/i18n.js';
import { AgentSessionProvider, useAgentSession } from '../shared/session/agent-session.js';
import { LoginForm } from '../shared/session/LoginForm.js';
import { AppHeader } from '../shared/ui/AppHeader.js';
import { AgentConsole } from './AgentConsole.js';
import './agent.css';

/** `/agent`: sign in, then the console. */
export function AgentApp() {
  return (
    <AgentSessionProvider>
      <SignedInOrLogin />
    </AgentSessionProvider>
  );
}

function SignedInOrLogin() {
  const { t } = useI18n();
  const { session } = useAgentSession();
  if (session) return <AgentConsole />;
  return (
    <>
      <AppHeader title={t('agent.title')} />
      <main id="main">
        <LoginForm />
      </main>
    </>
  );
}
