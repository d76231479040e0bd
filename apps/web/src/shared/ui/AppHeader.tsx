import { useEffect, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { LanguageSwitch } from './LanguageSwitch.js';

/** Skip link, brand, the screen's name (also the document title), the language switch and a slot for the user. */
export function AppHeader({ title, children }: { title: string; children?: ReactNode }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <a className="brand" href="/">
          {t('app.name')}
        </a>
        <span className="screen-name">{title}</span>
        <div className="header-tools">
          {children}
          <LanguageSwitch />
        </div>
      </header>
    </>
  );
}
