import { useI18n } from '../shared/i18n/i18n.js';
import { AppHeader } from '../shared/ui/AppHeader.js';
import { NewIssueForm } from './NewIssueForm.js';
import './landing.css';

/** `/`: the three screens, and the public form that opens a web issue and leads to its tracking page. */
export function LandingPage() {
  const { t } = useI18n();
  return (
    <>
      <AppHeader title={t('landing.title')} />
      <main id="main" className="stack">
        <section aria-labelledby="landing-title">
          <h1 id="landing-title">{t('landing.title')}</h1>
          <p className="lead">{t('landing.intro')}</p>
        </section>
        <div className="landing-layout">
          <NewIssueForm />
          <nav aria-label={t('landing.screens')} className="landing-screens">
            <a className="card screen-link" href="/agent">
              <strong>{t('landing.agent.title')}</strong>
              <span>{t('landing.agent.body')}</span>
            </a>
            <a className="card screen-link" href="/supervisor">
              <strong>{t('landing.supervisor.title')}</strong>
              <span>{t('landing.supervisor.body')}</span>
            </a>
            <div className="card screen-link">
              <strong>{t('landing.track.title')}</strong>
              <span>{t('landing.track.body')}</span>
            </div>
          </nav>
        </div>
      </main>
    </>
  );
}
