import { useState } from 'react';
import { useI18n } from '../shared/i18n/i18n.js';
import { trackingPath } from './tracking-token.js';

/** The private link, to keep or reopen on another device; shown only on request. */
export function PrivateLink({ code, token }: { code: string; token: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const link = `${window.location.origin}${trackingPath(code, token)}`;
  return (
    <details className="card private-link">
      <summary>{t('track.privateLink')}</summary>
      <p className="link-text">
        <code>{link}</code>
      </p>
      <button type="button" onClick={() => void navigator.clipboard?.writeText(link).then(() => setCopied(true))}>
        {t('track.copy')}
      </button>
      <span role="status">{copied ? ` ${t('track.copied')}` : ''}</span>
    </details>
  );
}
