import { useState, type FormEvent } from 'react';
import { AGENT_SETTABLE_STATUSES, CANNED_REPLY_PLACEHOLDERS, MACRO_LIMITS, PRIORITIES } from '@firsthand/domain';
import type { MacroDefinition, MacroView } from '@firsthand/http-contracts';
import { useI18n } from '../../shared/i18n/i18n.js';
import { Field } from '../../shared/ui/Field.js';

const tagList = (text: string) => text.split(/[,，]/).map((s) => s.trim()).filter(Boolean);

interface Props {
  macro: MacroView | null;
  canShare: boolean;
  busy: boolean;
  onSave(definition: MacroDefinition): void;
  onCancel(): void;
}

/** Create or edit a macro: name, who shares it, the reply in both languages, status, priority, tags. */
export function MacroForm({ macro, canShare, busy, onSave, onCancel }: Props) {
  const { t } = useI18n();
  const [name, setName] = useState(macro?.name ?? '');
  const [scope, setScope] = useState<MacroDefinition['scope']>(macro?.scope ?? 'personal');
  const [replyZh, setReplyZh] = useState(macro?.reply['zh-CN'] ?? '');
  const [replyEn, setReplyEn] = useState(macro?.reply.en ?? '');
  const [status, setStatus] = useState<string>(macro?.status ?? '');
  const [priority, setPriority] = useState<string>(macro?.priority ?? '');
  const [addTags, setAddTags] = useState(macro?.addTags.join(', ') ?? '');
  const [removeTags, setRemoveTags] = useState(macro?.removeTags.join(', ') ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave({
      name,
      scope,
      reply: { 'zh-CN': replyZh.trim() ? replyZh : null, en: replyEn.trim() ? replyEn : null },
      status: (status || null) as MacroDefinition['status'],
      priority: (priority || null) as MacroDefinition['priority'],
      addTags: tagList(addTags),
      removeTags: tagList(removeTags),
    });
  };
  const placeholders = t('macros.placeholders', { list: CANNED_REPLY_PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ') });

  return (
    <form className="card stack" onSubmit={submit} data-testid="macro-form">
      <h2>{macro ? t('macros.edit') : t('macros.new')}</h2>
      <Field label={t('macros.name')}>{(field) => <input {...field} name="name" required maxLength={MACRO_LIMITS.nameLength} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
      {!macro && canShare && (
        <Field label={t('macros.scope')}>
          {(field) => (
            <select {...field} value={scope} onChange={(e) => setScope(e.target.value as MacroDefinition['scope'])}>
              <option value="personal">{t('macros.scope.personal')}</option>
              <option value="team">{t('macros.scope.team')}</option>
            </select>
          )}
        </Field>
      )}
      <Field label={t('macros.replyZh')} hint={placeholders}>
        {(field) => <textarea {...field} name="replyZh" maxLength={MACRO_LIMITS.replyLength} value={replyZh} onChange={(e) => setReplyZh(e.target.value)} />}
      </Field>
      <Field label={t('macros.replyEn')} hint={placeholders}>
        {(field) => <textarea {...field} name="replyEn" maxLength={MACRO_LIMITS.replyLength} value={replyEn} onChange={(e) => setReplyEn(e.target.value)} />}
      </Field>
      <div className="row">
        <Field label={t('macros.status')}>
          {(field) => (
            <select {...field} value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">{t('macros.unchanged')}</option>
              {AGENT_SETTABLE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('macros.priority')}>
          {(field) => (
            <select {...field} value={priority} onChange={(e) => setPriority(e.target.value)}>
              <option value="">{t('macros.unchanged')}</option>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`priority.${p}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label={t('macros.addTags')}>{(field) => <input {...field} name="addTags" value={addTags} onChange={(e) => setAddTags(e.target.value)} />}</Field>
      <Field label={t('macros.removeTags')}>{(field) => <input {...field} name="removeTags" value={removeTags} onChange={(e) => setRemoveTags(e.target.value)} />}</Field>
      <div className="row">
        <button type="submit" className="primary" disabled={busy || !name.trim()}>
          {t('macros.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
