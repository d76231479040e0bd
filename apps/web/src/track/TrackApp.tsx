import { useEffect, useState } from 'react';
import { useI18n } from '../shared/i18n/i18n.js';
import { AppHeader } from '../shared/ui/AppHeader.js';
import { MissingLink } from './MissingLink.js';
import { TrackPage } from './TrackPage.js';
import { intentFromFragment, tokenFromFragment } from './tracking-fragment.js';
import { codeFromPath, takeTrackingToken } from './tracking-token.js';
import './track.css';

/** `/track/:code`: the customer's private, live view of one issue. */
export function TrackApp() {
  const { t } = useI18n();
  const code = codeFromPath(window.location.pathname) ?? '';
  // Read before the token is taken: taking it clears the fragment.
  const [intent] = useState(() => intentFromFragment(window.location.hash));
  const [token, setToken] = useState(() => (code ? takeTrackingToken(code) : null));
  // A link pasted into the address bar of this tab changes only the fragment: no new page load.
  useEffect(() => {
    const onHashChange = () => {
      const next = code && tokenFromFragment(window.location.hash) ? takeTrackingToken(code) : null;
      if (next) setToken(next);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [code]);
  return (
    <>
      <AppHeader title={t('track.title', { code })} />
      <main id="main" className="track-main">
        {token ? <TrackPage key={token} code={code} token={token} intent={intent} onToken={setToken} /> : <MissingLink onToken={setToken} />}
      </main>
    </>
  );
}
