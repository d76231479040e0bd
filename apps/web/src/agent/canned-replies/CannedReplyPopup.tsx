import { useI18n } from '../../shared/i18n/i18n.js';
import type { CannedReplyPicker } from './use-canned-reply-picker.js';
import './canned-replies.css';

/** The suggestions under the composer while a `/word` is typed. */
export function CannedReplyPopup({ picker }: { picker: CannedReplyPicker }) {
  const { t } = useI18n();
  if (!picker.open) return null;
  return (
    <div className="canned-popup" data-testid="canned-popup">
      {picker.failed && <p className="field-error">{picker.failed}</p>}
      {picker.items.length === 0 && picker.searching ? (
        <p className="muted" role="status">
          {t('app.loading')}
        </p>
      ) : picker.items.length === 0 ? (
        <p className="muted" role="status">{picker.query ? t('canned.popup.none', { query: picker.query }) : t('canned.popup.empty')}</p>
      ) : (
        <ul id={picker.listId} role="listbox" aria-label={t('canned.popup.label')} className="canned-options">
          {picker.items.map((reply, index) => (
            <li
              key={reply.id}
              id={picker.optionId(index)}
              role="option"
              aria-selected={index === picker.active}
              className={index === picker.active ? 'active' : undefined}
              // mousedown, not click: the textarea keeps its focus and caret.
              onMouseDown={(event) => {
                event.preventDefault();
                void picker.pick(reply);
              }}
              onMouseEnter={() => picker.setActive(index)}
            >
              <span className="canned-shortcut">/{reply.shortcut}</span> <span className="canned-title">{reply.title}</span>
              <span className="muted canned-scope">{reply.scope === 'team' ? t('canned.scope.team') : t('canned.scope.personal')}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="muted canned-hint">{t('canned.popup.hint')}</p>
    </div>
  );
}
