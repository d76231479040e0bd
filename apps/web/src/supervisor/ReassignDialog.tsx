import { useEffect, useRef, useState, type FormEvent } from 'react';
import { takesTickets } from '@firsthand/domain';
import type { Colleague, TicketChange } from '@firsthand/http-contracts';
import { ApiProblem } from '../shared/api/http.js';
import { problemText } from '../shared/api/problem-text.js';
import { useI18n } from '../shared/i18n/i18n.js';
import type { Translate } from '../shared/i18n/locale.js';
import { nameWithRole } from '../shared/i18n/role-label.js';
import { handoverChoices } from '../shared/people/handover-choices.js';
import { PEOPLE_PICKER } from '../shared/api/use-colleagues.js';
import type { AgentApi } from '../shared/session/agent-session.js';
import { Notice } from '../shared/ui/Notice.js';
import { Field } from '../shared/ui/Field.js';

export interface ReassignTarget {
  id: string;
  code: string;
  /** Left out of the choices: reassigning a ticket to its owner is refused. */
  ownerId: string | null;
}

/** Reassign at once, with a reason (supervisors), to someone else who takes tickets: a modal dialog, so focus stays inside until it closes. */
export function ReassignDialog({ api, target, colleagues, onClose, onDone }: { api: AgentApi; target: ReassignTarget; colleagues: readonly Colleague[]; onClose(): void; onDone(change: TicketChange): void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(await api.post<TicketChange>(`/api/tickets/${target.id}/reassign`, { toAgentId: to, reason }));
    } catch (e) {
      setError(reassignRefusal(e, colleagues.find((c) => c.id === to)?.name ?? null, t));
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} aria-labelledby="reassign-title" onCancel={onClose} data-testid="reassign-dialog">
      <form onSubmit={submit}>
        <h2 id="reassign-title">{t('sup.reassignTitle', { code: target.code })}</h2>
        {error && <Notice tone="error">{error}</Notice>}
        <Field label={t('sup.reassignTo')}>
          {(field) => (
            <select {...field} {...PEOPLE_PICKER} required value={to} onChange={(e) => setTo(e.target.value)}>
              <option value="">{t('actions.choose')}</option>
              {handoverChoices(colleagues.filter((c) => takesTickets(c.role) && c.id !== target.ownerId), (c) => nameWithRole(c.name, c.role, t), t).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('sup.reassignReason')}>
          {(field) => (
            <input {...field} required maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
          )}
        </Field>
        <div className="row">
          <button type="submit" className="primary" disabled={busy || !to || !reason.trim()}>
            {t('sup.reassignSubmit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('app.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/**
 * Why a reassignment was refused, in the reader's language: the ticket closed meanwhile (it keeps
 * its owner), or the person chosen cannot take it; any other refusal as every panel words it.
 */
function reassignRefusal(error: unknown, assigneeName: string | null, t: Translate): string {
  if (error instanceof ApiProblem) {
    const status = error.body.currentStatus;
    if (error.code === 'transition-not-allowed' && (status === 'resolved' || status === 'closed')) return t('sup.reassignKeepsOwner', { status: t(`status.${status}`) });
    if (error.code === 'invalid-assignee' && assigneeName) return t('sup.reassignRefused', { name: assigneeName });
  }
  return problemText(error, t);
}
