import { useI18n } from '../../shared/i18n/i18n.js';

const LINKS = [
  { href: '/supervisor', key: 'supnav.dashboard' },
  { href: '/supervisor/calendars', key: 'supnav.calendars' },
  { href: '/supervisor/sla-policies', key: 'supnav.slaPolicies' },
] as const;

/** The supervisor screens' own navigation; plain links, so each page loads only its own code. */
export function SupervisorNav({ current }: { current: string }) {
  const { t } = useI18n();
  return (
    <nav className="supervisor-nav" aria-label={t('supnav.label')}>
      {LINKS.map((link) => (
        <a key={link.href} href={link.href} aria-current={current === link.href ? 'page' : undefined}>
          {t(link.key)}
        </a>
      ))}
    </nav>
  );
}
