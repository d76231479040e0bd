import { useState, type FormEvent } from 'react';
import { useI18n } from '../shared/i18n/i18n.js';
import { Notice } from '../shared/ui/Notice.js';
import { tokenFromFragment } from './tracking-fragment.js';
import { codeFromPath, rememberTrackingToken } from './tracking-token.js';
import { Field } from '../shared/ui/Field.js';

/** Opened without the token (a bookmark, another tab): ask for the private link instead of guessing. */
export function MissingLink({ onToken }: { onToken(token: string): void }) {
  const { t } = useI18n();
  const [link, setLink] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    try {
      const url = new URL(link.trim(), window.location.origin);
      const code = codeFromPath(url.pathname);
      const token = tokenFromFragment(url.hash);
      if (!code || !token) return;
      rememberTrackingToken(code, token);
      if (code === codeFromPath(window.location.pathname)) onToken(token);
      else window.location.assign(url.pathname);
    } catch {
      // not a URL: nothing to open
    }
  };
  return (
    <div className="card stack">
      <Notice tone="info">{t('track.noToken')}</Notice>
      <form onSubmit={submit} className="row">
        <Field label={t('track.pasteLink')} className="grow">
          {(field) => (
            <input {...field} type="url" required value={link} onChange={(e) => setLink(e.target.value)} />
          )}
        </Field>
        <button type="submit">{t('track.openLink')}</button>
      </form>
      <a href="/">{t('track.newIssue')}</a>
    </div>
  );
}
