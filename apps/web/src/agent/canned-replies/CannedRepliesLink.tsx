import { useI18n } from '../../shared/i18n/i18n.js';
import { CANNED_REPLIES_PATH } from '../console-page.js';

/** The way into the canned-replies page from the console's side column. */
export function CannedRepliesLink({ current, navigate }: { current: boolean; navigate(path: string): void }) {
  const { t } = useI18n();
  return (
    <nav className="card canned-nav" aria-label={t('canned.nav')}>
      <a
        href={CANNED_REPLIES_PATH}
        aria-current={current ? 'page' : undefined}
        onClick={(event) => {
          event.preventDefault();
          navigate(CANNED_REPLIES_PATH);
        }}
      >
        {t('canned.title')}
      </a>
    </nav>
  );
}
