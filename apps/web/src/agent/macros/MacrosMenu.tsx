import { useEffect, useRef, useState } from 'react';
import type { MacroApplication, MacroView, RenderedMacroReply, TicketChange, TicketView } from '@firsthand/http-contracts';
import { problemText } from '../../shared/api/problem-text.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import type { AgentApi } from '../../shared/session/agent-session.js';
import { Field } from '../../shared/ui/Field.js';
import { Notice } from '../../shared/ui/Notice.js';
import { useFocusReturn } from '../../shared/ui/use-focus-return.js';
import { planMacro } from './macro-plan.js';

interface Props {
  api: AgentApi;
  ticket: TicketView;
  meId: string;
  macros: readonly MacroView[];
  onChanged(change: TicketChange): void;
}

/** Pick a macro, see what it will do on this ticket (the limited version for a non-owner), confirm, apply in one change. */
export function MacrosMenu({ api, ticket, meId, macros, onChanged }: Props) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState('');
  const [confirming, setConfirming] = useState<MacroView | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // Focus goes back to "Apply…"; once applied (the choice cleared, so the button is disabled), to what was done.
  const focus = useFocusReturn();
  const doneNotice = useRef<HTMLDivElement>(null);

  if (ticket.status === 'closed') return null;
  return (
    <section className="card" aria-labelledby="macros-title" data-testid="macros-menu">
      <h2 id="macros-title">{t('macros.title')}</h2>
      {done && (
        <Notice tone="success" ref={doneNotice}>
          {done}
        </Notice>
      )}
      {macros.length === 0 ? (
        <p className="muted">{t('macros.none')}</p>
      ) : (
        <div className="row">
          <Field label={t('macros.choose')}>
            {(field) => (
              <select {...field} value={chosen} onChange={(e) => setChosen(e.target.value)}>
                <option value="">{t('actions.choose')}</option>
                {macros.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button
            type="button"
            disabled={!chosen}
            onClick={() => {
              focus.opened();
              setConfirming(macros.find((m) => m.id === chosen) ?? null);
            }}
          >
            {t('macros.applyButton')}
          </button>
        </div>
      )}
      <a href="/agent/macros">{t('macros.manage')}</a>
      {confirming && (
        <ConfirmMacro
          api={api}
          ticket={ticket}
          meId={meId}
          macro={confirming}
          onClose={() => {
            setConfirming(null);
            focus.back();
          }}
          onApplied={(answer) => {
            setConfirming(null);
            focus.back(() => doneNotice.current);
            setChosen('');
            setDone(answer.applied.skipped.length ? `${t('macros.applied')} ${t('macros.skipped', { what: answer.applied.skipped.map((s) => t(`macros.what.${s}`)).join(', ') })}` : t('macros.applied'));
            onChanged(answer);
          }}
        />
      )}
    </section>
  );
}

function ConfirmMacro({ api, ticket, meId, macro, onClose, onApplied }: { api: AgentApi; ticket: TicketView; meId: string; macro: MacroView; onClose(): void; onApplied(answer: MacroApplication): void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const plan = planMacro(macro, ticket, meId);
  // The reply as applying will send it (placeholders filled by the API): "…" until it comes, the template only if that fails.
  const [filled, setFilled] = useState<string | null | undefined>(undefined);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);

  const hasReply = plan.reply !== null;
  useEffect(() => {
    if (!hasReply) return;
    let current = true;
    api.get<RenderedMacroReply>(`/api/tickets/${ticket.id}/macros/${macro.id}/reply`).then(
      (rendered) => current && setFilled(rendered.text),
      () => current && setFilled(null),
    );
    return () => {
      current = false;
    };
  }, [api, ticket.id, macro.id, hasReply]);

  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      onApplied(await api.post<MacroApplication>(`/api/tickets/${ticket.id}/macros/${macro.id}/apply`));
    } catch (e) {
      setError(problemText(e, t));
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} aria-labelledby="macro-confirm-title" onCancel={onClose} data-testid="macro-confirm">
      <h2 id="macro-confirm-title">{t('macros.confirmTitle', { name: macro.name })}</h2>
      {error && <Notice tone="error">{error}</Notice>}
      {plan.limited && <Notice tone="warning">{t('macros.limited')}</Notice>}
      <ul>
        {plan.reply && <li>{t(plan.reply.visibility === 'public' ? 'macros.willReply' : 'macros.willNote', { text: filled === undefined ? '…' : (filled ?? plan.reply.text) })}</li>}
        {plan.status && <li>{t('macros.willStatus', { status: t(`status.${plan.status}`) })}</li>}
        {plan.priority && <li>{t('macros.willPriority', { priority: t(`priority.${plan.priority}`) })}</li>}
        {plan.addTags.length > 0 && <li>{t('macros.willAddTags', { tags: plan.addTags.join(', ') })}</li>}
        {plan.removeTags.length > 0 && <li>{t('macros.willRemoveTags', { tags: plan.removeTags.join(', ') })}</li>}
        {plan.skipped.length > 0 && <li>{t('macros.skipped', { what: plan.skipped.map((s) => t(`macros.what.${s}`)).join(', ') })}</li>}
      </ul>
      <div className="row">
        <button type="button" className="primary" disabled={busy} onClick={() => void apply()}>
          {t('macros.confirm')}
        </button>
        <button type="button" onClick={onClose}>
          {t('app.cancel')}
        </button>
      </div>
    </dialog>
  );
}
