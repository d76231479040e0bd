import type { ReactNode } from 'react';
import { useI18n } from '../../shared/i18n/i18n.js';
import { useAgentSession } from '../../shared/session/agent-session.js';
import { SessionTools } from '../../shared/session/SessionTools.js';
import { AppHeader } from '../../shared/ui/AppHeader.js';
import { Notice } from '../../shared/ui/Notice.js';

const LINKS = [
  { href: '/supervisor', key: 'supnav.dashboard' },
  { href: '/supervisor/people', key: 'supnav.people' },
  { href: '/supervisor/teams', key: 'supnav.teams' },
  { href: '/supervisor/calendars', key: 'supnav.calendars' },
  { href: '/supervisor/sla-policies', key: 'supnav.slaPolicies' },
  { href: '/supervisor/kb', key: 'supnav.kb' },
  { href: '/supervisor/webhooks', key: 'supnav.webhooks', adminOnly: true },
  { href: '/supervisor/audit', key: 'supnav.audit', adminOnly: true },
] as const;

/** The supervisor screens' own navigation; plain links, so each page loads only its own code. */
export function SupervisorNav({ current }: { current: string }) {
  const { t } = useI18n();
  const isAdmin = useAgentSession().session?.agent.role === 'admin';
  return (
    <nav className="supervisor-nav" aria-label={t('supnav.label')}>
      {LINKS.filter((link) => !('adminOnly' in link) || isAdmin).map((link) => (
        <a key={link.href} href={link.href} aria-current={current === link.href ? 'page' : undefined}>
          {t(link.key)}
        </a>
      ))}
    </nav>
  );
}

/** The frame of a supervisor settings page: header, navigation, title, introduction and its error. */
export function SupervisorPage({ current, title, intro, error, children }: { current: string; title: string; intro: string; error: string | null; children: ReactNode }) {
  return (
    <>
      <AppHeader title={title}>
        <SessionTools />
      </AppHeader>
      <main id="main" className="dashboard">
        <SupervisorNav current={current} />
        <h1>{title}</h1>
        <p className="muted">{intro}</p>
        {error && <Notice tone="error">{error}</Notice>}
        {children}
      </main>
    </>
  );
}
