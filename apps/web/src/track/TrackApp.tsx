import { useState } from 'react';
import { useI18n } from '../shared/i18n/i18n.js';
import { AppHeader } from '../shared/ui/AppHeader.js';
import { MissingLink } from './MissingLink.js';
import { TrackPage } from './TrackPage.js';
import { intentFromFragment } from './tracking-fragment.js';
import { codeFromPath, takeTrackingToken } from './tracking-token.js';
import './track.css';

/** `/track/:code`: the customer's private, live view of one issue. */
export function TrackApp() {
  const { t } = useI18n();
  const code = codeFromPath(window.location.pathname) ?? '';
  // Read before the token is taken: taking it clears the fragment.
  const [intent] = useState(() => intentFromFragment(window.location.hash));
  const [token, setToken] = useState(() => (code ? takeTrackingToken(code) : null));
  return (
    <>
      <AppHeader title={t('track.title', { code })} />
      <main id="main" className="track-main">
        {token ? <TrackPage code={code} token={token} intent={intent} /> : <MissingLink onToken={setToken} />}
      </main>
    </>
  );
}
