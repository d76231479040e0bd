import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CANNED_REPLY_LIMITS, CANNED_REPLY_PLACEHOLDERS } from '@firsthand/domain';
import type { CannedReplyView, CreateCannedReplyRequest, TeamList, TeamView } from '@firsthand/http-contracts';
import { ApiProblem } from '../../shared/api/http.js';
import { problemText } from '../../shared/api/problem-text.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import type { Translate } from '../../shared/i18n/locale.js';
import { useAgentApi, useSignedInAgent } from '../../shared/session/agent-session.js';
import { Field } from '../../shared/ui/Field.js';
import { Notice } from '../../shared/ui/Notice.js';
import { useFocusFirstField } from '../../shared/ui/use-focus-return.js';

interface Props {
  /** The reply to change; a new one when absent. */
  editing: CannedReplyView | null;
  onSave(body: CreateCannedReplyRequest): Promise<void>;
  onCancel(): void;
}

const writesTeamReplies = (role: string) => role === 'senior' || role === 'supervisor' || role === 'admin';
const seesAllTeams = (role: string) => role === 'supervisor' || role === 'admin';

/** Title, shortcut and the two bodies; team replies for seniors (their team) and supervisors (any team). */
export function CannedReplyForm({ editing, onSave, onCancel }: Props) {
  const { t } = useI18n();
  const me = useSignedInAgent();
  const api = useAgentApi();
  const [scope, setScope] = useState<'personal' | 'team'>(editing?.scope ?? 'personal');
  const [teamId, setTeamId] = useState(editing?.teamId ?? me.teamId ?? '');
  const [teams, setTeams] = useState<TeamView[]>([]);
  const [title, setTitle] = useState(editing?.title ?? '');
  const [shortcut, setShortcut] = useState(editing?.shortcut ?? '');
  const [bodyEn, setBodyEn] = useState(editing?.bodyEn ?? '');
  const [bodyZhCn, setBodyZhCn] = useState(editing?.bodyZhCn ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstField(form);

  useEffect(() => {
    if (!seesAllTeams(me.role)) return;
    void api.get<TeamList>('/api/teams').then((list) => setTeams(list.items), () => undefined);
  }, [api, me.role]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await onSave({
        scope,
        ...(scope === 'team' && !editing && teamId ? { teamId } : {}),
        title,
        shortcut: shortcut.replace(/^\//, ''),
        bodyEn: bodyEn.trim() ? bodyEn : null,
        bodyZhCn: bodyZhCn.trim() ? bodyZhCn : null,
      });
    } catch (error) {
      setProblem(refusalText(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={form} className="card canned-form stack" onSubmit={submit} aria-labelledby="canned-form-title">
      <h2 id="canned-form-title">{editing ? t('canned.form.edit') : t('canned.form.new')}</h2>
      {problem && <Notice tone="error">{problem}</Notice>}
      {!editing && writesTeamReplies(me.role) && (
        <fieldset className="row">
          <legend>{t('canned.form.scope')}</legend>
          <label className="choice">
            <input type="radio" name="scope" value="personal" checked={scope === 'personal'} onChange={() => setScope('personal')} />
            {t('canned.scope.personal')}
          </label>
          <label className="choice">
            <input type="radio" name="scope" value="team" checked={scope === 'team'} onChange={() => setScope('team')} />
            {t('canned.scope.team')}
          </label>
        </fieldset>
      )}
      {!editing && scope === 'team' && seesAllTeams(me.role) && (
        <Field label={t('canned.form.team')}>
          {(field) => (
            <select {...field} value={teamId} onChange={(e) => setTeamId(e.target.value)} required>
              <option value="">{t('actions.choose')}</option>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label={t('canned.form.title')}>
        {(field) => <input {...field} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={CANNED_REPLY_LIMITS.titleMaxLength} />}
      </Field>
      <Field label={t('canned.form.shortcut')} hint={t('canned.form.shortcutHint')}>
        {(field) => <input {...field} value={shortcut} onChange={(e) => setShortcut(e.target.value)} required maxLength={CANNED_REPLY_LIMITS.shortcutMaxLength} />}
      </Field>
      <p className="muted canned-placeholders">
        {t('canned.form.placeholders')}{' '}
        {CANNED_REPLY_PLACEHOLDERS.map((name) => (
          <code key={name}>{`{{${name}}}`}</code>
        ))}
      </p>
      <Field label={t('canned.form.bodyEn')}>
        {(field) => <textarea {...field} value={bodyEn} onChange={(e) => setBodyEn(e.target.value)} maxLength={CANNED_REPLY_LIMITS.bodyMaxLength} />}
      </Field>
      <Field label={t('canned.form.bodyZhCn')}>
        {(field) => <textarea {...field} value={bodyZhCn} onChange={(e) => setBodyZhCn(e.target.value)} maxLength={CANNED_REPLY_LIMITS.bodyMaxLength} />}
      </Field>
      <div className="row">
        <button type="submit" className="primary" disabled={busy || (!bodyEn.trim() && !bodyZhCn.trim())}>
          {busy ? t('canned.form.saving') : t('canned.form.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Bad fields in the API's own words (`errors`); any other refusal in the reader's language. */
function refusalText(error: unknown, t: Translate): string {
  const fields = error instanceof ApiProblem ? (error.body.errors as Array<{ field: string; messages: string[] }> | undefined) : undefined;
  return fields?.length ? fields.map((f) => f.messages.join('; ')).join(' · ') : problemText(error, t);
}
