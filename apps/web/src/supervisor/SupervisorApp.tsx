import { lazy, Suspense } from 'react';
import { useI18n } from '../shared/i18n/i18n.js';
import { roleLabel } from '../shared/i18n/role-label.js';
import { usePath } from '../shared/router/use-path.js';
import { AgentSessionProvider, useAgentSession } from '../shared/session/agent-session.js';
import { LoginForm } from '../shared/session/LoginForm.js';
import { SecuritySettings } from '../shared/session/SecuritySettings.js';
import { SessionTools } from '../shared/session/SessionTools.js';
import { useNotificationLanguageSync } from '../shared/session/use-notification-language.js';
import { AppHeader } from '../shared/ui/AppHeader.js';
import { Notice } from '../shared/ui/Notice.js';
import { SupervisorDashboard } from './SupervisorDashboard.js';
import './supervisor.css';

// Loaded only when opened, so the dashboard's first load stays within the web budget.
const CalendarsPage = lazy(() => import('./calendars/CalendarsPage.js').then((m) => ({ default: m.CalendarsPage })));
const AuditPage = lazy(() => import('./audit/AuditPage.js').then((m) => ({ default: m.AuditPage })));
const SlaPoliciesPage = lazy(() => import('./calendars/SlaPoliciesPage.js').then((m) => ({ default: m.SlaPoliciesPage })));
const PeoplePage = lazy(() => import('./people/PeoplePage.js').then((m) => ({ default: m.PeoplePage })));
const TeamsPage = lazy(() => import('./admin-settings/TeamsPage.js').then((m) => ({ default: m.TeamsPage })));
const WebhooksPage = lazy(() => import('./admin-settings/WebhooksPage.js').then((m) => ({ default: m.WebhooksPage })));
const KnowledgeBasePage = lazy(() => import('./knowledge-base/KnowledgeBasePage.js').then((m) => ({ default: m.KnowledgeBasePage })));

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
  const [path] = usePath();
  useNotificationLanguageSync();
  // Seniors write the knowledge base too, so its editor opens for them as well.
  if (session && !session.enrolmentRequired && path.replace(/\/+$/, '') === '/supervisor/kb' && ['senior', 'supervisor', 'admin'].includes(session.agent.role))
    return <Suspense fallback={<p role="status">{t('app.loading')}</p>}><KnowledgeBasePage /></Suspense>;
  if (session && !session.enrolmentRequired && (session.agent.role === 'supervisor' || session.agent.role === 'admin')) {
    const page = path.replace(/\/+$/, '');
    // The audit log is for admins only; the API refuses supervisors too.
    if (page === '/supervisor/audit' && session.agent.role === 'admin')
      return <Suspense fallback={<p role="status">{t('app.loading')}</p>}><AuditPage /></Suspense>;
    if (page === '/supervisor/people') return <Suspense fallback={<p role="status">{t('app.loading')}</p>}><PeoplePage /></Suspense>;
    if (page === '/supervisor/teams') return <Suspense fallback={<p role="status">{t('app.loading')}</p>}><TeamsPage /></Suspense>;
    // Admins only (the API refuses supervisors too): a supervisor who opens the address is told so.
    if (page === '/supervisor/webhooks') return <Suspense fallback={<p role="status">{t('app.loading')}</p>}><WebhooksPage /></Suspense>;
    if (page === '/supervisor/calendars' || page === '/supervisor/sla-policies')
      return <Suspense fallback={<p role="status">{t('app.loading')}</p>}>{page === '/supervisor/calendars' ? <CalendarsPage /> : <SlaPoliciesPage />}</Suspense>;
    return <SupervisorDashboard />;
  }
  return (
    <>
      <AppHeader title={t('sup.title')}>
        <SessionTools />
      </AppHeader>
      <main id="main">
        {session?.enrolmentRequired ? <SecuritySettings /> : session ? <Notice tone="warning">{t('login.supervisorOnly', { name: session.agent.name, role: roleLabel(session.agent.role, t) })}</Notice> : <LoginForm />}
      </main>
    </>
  );
}
