import { useEffect, useRef } from 'react';
import { useI18n } from '../../shared/i18n/i18n.js';
import type { MessageKey } from '../../shared/i18n/messages-en.js';

export interface UnsavedText {
  titleZhCn: string;
  bodyZhCn: string;
  titleEn: string;
  bodyEn: string;
}

const FIELDS: Array<[keyof UnsavedText, MessageKey, string]> = [
  ['titleZhCn', 'kb.titleZhCn', 'zh-CN'],
  ['bodyZhCn', 'kb.bodyZhCn', 'zh-CN'],
  ['titleEn', 'kb.titleEn', 'en'],
  ['bodyEn', 'kb.bodyEn', 'en'],
];

interface Props {
  id: string;
  /** The version saved meanwhile, when the server named it. */
  version: number | null;
  /** The editor's text the server refused; null until the newer version is loaded over it. */
  mine: UnsavedText | null;
  onLoadNewer(): void;
  onHide(): void;
}

/** Beside the Save button: someone saved a newer version; load it, keeping the refused text to copy from. */
export function ArticleConflictNotice({ id, version, mine, onLoadNewer, onHide }: Props) {
  const { t } = useI18n();
  const loaded = useRef<HTMLDivElement>(null);
  // The load button goes away once pressed: focus moves to what replaced it.
  useEffect(() => {
    if (mine) loaded.current?.focus();
  }, [mine]);

  if (!mine) {
    return (
      <div className="notice notice-warning kb-conflict" role="alert" id={id} data-testid="kb-conflict">
        <p>{version === null ? t('kb.conflictNewer') : t('kb.conflict', { version })}</p>
        <button type="button" className="primary" onClick={onLoadNewer}>
          {version === null ? t('kb.loadNewest') : t('kb.loadVersion', { version })}
        </button>
      </div>
    );
  }
  const kept = FIELDS.filter(([field]) => mine[field].trim());
  return (
    <section className="notice notice-info kb-conflict" aria-labelledby={`${id}-title`} data-testid="kb-conflict">
      <h3 id={`${id}-title`}>{t('kb.mineTitle')}</h3>
      <p role="status" id={id} tabIndex={-1} ref={loaded}>
        {t('kb.conflictLoaded', { version: version ?? '' })}
      </p>
      {kept.map(([field, label, lang]) => (
        <p key={field} className="field">
          <label htmlFor={`${id}-${field}`}>{t('kb.mine', { field: t(label) })}</label>
          {field.startsWith('body') ? <textarea id={`${id}-${field}`} lang={lang} readOnly rows={6} value={mine[field]} /> : <input id={`${id}-${field}`} lang={lang} readOnly value={mine[field]} />}
        </p>
      ))}
      <button type="button" onClick={onHide}>
        {t('kb.hideMine')}
      </button>
    </section>
  );
}
