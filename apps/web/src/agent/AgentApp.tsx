import { useI18n } from '../shared/i18n/i18n.js';
import { AgentSessionProvider, useAgentSession } from '../shared/session/agent-session.js';
import { LoginForm } from '../shared/session/LoginForm.js';
import { SecuritySettings } from '../shared/session/SecuritySettings.js';
import { SessionTools } from '../shared/session/SessionTools.js';
import { useNotificationLanguageSync } from '../shared/session/use-notification-language.js';
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
  useNotificationLanguageSync();
  if (session && !session.enrolmentRequired) return <AgentConsole />;
  return (
    <>
      <AppHeader title={t('agent.title')}>{session && <SessionTools />}</AppHeader>
      <main id="main">{session ? <SecuritySettings /> : <LoginForm />}</main>
    </>
  );
}
