import { useState, type FormEvent } from 'react';
import { useI18n } from '../shared/i18n/i18n.js';
import { Notice } from '../shared/ui/Notice.js';
import { tokenFromFragment } from './tracking-fragment.js';
import { codeFromPath, rememberTrackingToken } from './tracking-token.js';
import { Field } from '../shared/ui/Field.js';

/**
 * Opened without the token (a bookmark, another tab), or with one that opens nothing (`wrong`): ask
 * for the private link instead of guessing, and offer a new issue.
 */
export function MissingLink({ onToken, wrong = false }: { onToken(token: string): void; wrong?: boolean }) {
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
      {wrong ? <Notice tone="error">{t('track.notFound')}</Notice> : <Notice tone="info">{t('track.noToken')}</Notice>}
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
