import { useRef, useState, type FormEvent } from 'react';
import type { TrackView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import { Notice } from '../shared/ui/Notice.js';
import { useCustomerAction } from './use-customer-action.js';
import { Field } from '../shared/ui/Field.js';
import { AttachmentPicker } from '../shared/attachments/AttachmentPicker.js';
import { useUploads } from '../shared/attachments/use-uploads.js';
import { messageAttachmentsText } from '../shared/attachments/attachment-problems.js';

/**
 * The customer's reply. On a resolved issue it reopens it within the reopen window (and says so);
 * past the window the form gives way to why not and the way forward: a new issue naming this one.
 */
export function CustomerReplyForm({ view, code, token, onDone }: { view: TrackView; code: string; token: string; onDone(view: TrackView): void }) {
  const { t, dateTime, locale } = useI18n();
  const [body, setBody] = useState('');
  const { run, busy, notice, refusal, problem } = useCustomerAction(code, token, onDone);
  const uploads = useUploads(null);
  const excessRef = useRef<HTMLParagraphElement>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The picker already says which limit the files are over: Send takes the reader there, once.
    if (uploads.excess) return excessRef.current?.focus();
    if (await run('messages', { body, ...(uploads.refs.length > 0 ? { attachments: uploads.refs } : {}) })) {
      setBody('');
      uploads.clear();
    }
  };
  const until = view.status === 'resolved' ? view.canReopenUntil : null;
  const windowOver = view.status === 'resolved' && (until === null || Date.parse(until) <= Date.now());
  if (windowOver || refusal === 'reopen-window-closed') {
    return (
      <div className="card" data-testid="reopen-closed">
        <Notice tone="info">
          {until ? t('track.reopenClosed', { time: dateTime(until), code }) : t('track.reopenClosedNoTime', { code })} <a href="/">{t('track.newIssue')}</a>
        </Notice>
      </div>
    );
  }
  return (
    <form className="card" onSubmit={submit}>
      {notice && <Notice tone="error">{(problem && messageAttachmentsText(problem, t, locale)) ?? notice}</Notice>}
      {until && <p className="muted" data-testid="reply-reopens">{t('track.replyReopens', { time: dateTime(until) })}</p>}
      <Field label={t('track.reply')}>
        {(field) => (
          <textarea {...field} required maxLength={20000} value={body} onChange={(e) => setBody(e.target.value)} />
        )}
      </Field>
      <AttachmentPicker uploads={uploads} excessRef={excessRef} />
      <button type="submit" className="primary" disabled={busy || !body.trim() || uploads.uploading}>
        {t('track.replySend')}
      </button>
    </form>
  );
}
