import { useState, type FormEvent } from 'react';
import type { TrackView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import { Notice } from '../shared/ui/Notice.js';
import { useCustomerAction } from './use-customer-action.js';
import { Field } from '../shared/ui/Field.js';
import { AttachmentPicker } from '../shared/attachments/AttachmentPicker.js';
import { useUploads } from '../shared/attachments/use-uploads.js';

export function CustomerReplyForm({ code, token, onDone }: { code: string; token: string; onDone(view: TrackView): void }) {
  const { t } = useI18n();
  const [body, setBody] = useState('');
  const { run, busy, error } = useCustomerAction(code, token, onDone);
  const uploads = useUploads(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await run('messages', { body, ...(uploads.refs.length > 0 ? { attachments: uploads.refs } : {}) })) {
      setBody('');
      uploads.clear();
    }
  };
  return (
    <form className="card" onSubmit={submit}>
      {error && <Notice tone="error">{t('app.error', { message: error })}</Notice>}
      <Field label={t('track.reply')}>
        {(field) => (
          <textarea {...field} required maxLength={20000} value={body} onChange={(e) => setBody(e.target.value)} />
        )}
      </Field>
      <AttachmentPicker uploads={uploads} />
      <button type="submit" className="primary" disabled={busy || !body.trim() || uploads.uploading}>
        {t('track.replySend')}
      </button>
    </form>
  );
}
