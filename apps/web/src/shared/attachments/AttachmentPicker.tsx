import { useId, useRef, type Ref } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { excessText, uploadRefusalText } from './attachment-problems.js';
import { formatFileSize } from './file-size.js';
import type { Uploads } from './use-uploads.js';

/** "Attach files": each chosen file uploads at once, with its progress or the reason it was refused, and can be removed. */
/** `excessRef`: the message saying the files are over a limit together, for a form's Send to move focus to. */
export function AttachmentPicker({ uploads, disabled = false, internal = false, excessRef }: { uploads: Uploads; disabled?: boolean; internal?: boolean; excessRef?: Ref<HTMLParagraphElement> }) {
  const { t, locale, percent } = useI18n();
  // The server's refusals, said in the reader's language (its own detail is English).
  const refusalText = (item: (typeof uploads.items)[number]) => uploadRefusalText(item.refusal, item.error ?? '', t, locale);
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className={`attachment-picker${internal ? ' attachment-picker-internal' : ''}`} data-testid="attachment-picker">
      <label htmlFor={id}>
        {t('attach.add')} {internal && <span className="badge badge-warn">{t('attach.internal')}</span>}
      </label>
      <input
        ref={input}
        id={id}
        type="file"
        multiple
        disabled={disabled}
        onChange={(event) => {
          if (event.target.files) uploads.add(Array.from(event.target.files));
          // The same file may be chosen again after removing it.
          if (input.current) input.current.value = '';
        }}
      />
      {uploads.items.length > 0 && (
        <ul className="pending-uploads">
          {uploads.items.map((item) => (
            <li key={item.key} data-state={item.state} data-testid="pending-upload">
              <span className="file-name">{item.filename}</span> <span className="muted">{formatFileSize(item.sizeBytes, locale)}</span>{' '}
              {item.state === 'uploading' && (
                <>
                  <progress max={1} value={item.progress} aria-label={t('attach.uploading', { name: item.filename })} /> <span className="muted">{percent(item.progress)}</span>
                </>
              )}
              {item.state === 'ready' && <span className="muted">{t('attach.ready')}</span>}
              {item.state === 'failed' && (
                <span className="field-error" role="alert">
                  {t('attach.failed', { message: refusalText(item) })}
                </span>
              )}{' '}
              <button type="button" className="link" onClick={() => uploads.remove(item.key)} aria-label={t('attach.remove', { name: item.filename })}>
                {t('attach.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {uploads.excess && (
        <p className="field-error" role="alert" data-testid="attachments-over-limit" ref={excessRef} tabIndex={-1}>
          {excessText(uploads.excess, t, locale)}
        </p>
      )}
    </div>
  );
}
