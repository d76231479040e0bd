import { useState, type FormEvent } from 'react';
import type { Colleague, TicketView } from '@firsthand/http-contracts';
import { takesTickets } from '@firsthand/domain';
import { useI18n } from '../shared/i18n/i18n.js';
import { Notice } from '../shared/ui/Notice.js';
import { handoverChoices } from '../shared/people/handover-choices.js';
import { PEOPLE_PICKER } from '../shared/api/use-colleagues.js';
import type { useTicketCommand } from './use-ticket-command.js';
import { Field } from '../shared/ui/Field.js';
import { LanguageModelButton } from './language-model/LanguageModelButton.js';
import type { useLanguageModelRequest } from './language-model/use-language-model.js';

interface Props {
  ticket: TicketView;
  meId: string;
  colleagues: readonly Colleague[];
  command: ReturnType<typeof useTicketCommand>;
  /** A summary by the language model, when the helpdesk has one: it fills the handoff note (or is shown to the agent asked to take over). */
  summary?: ReturnType<typeof useLanguageModelRequest> | null;
}

/** Ownership moves only by an accepted handoff: the owner proposes, the other agent accepts or declines. */
export function HandoffPanel({ ticket, meId, colleagues, command, summary = null }: Props) {
  const { t } = useI18n();
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [summaryText, setSummaryText] = useState<string | null>(null);
  const isOwner = ticket.owner?.id === meId;
  const pending = ticket.pendingHandoffTo;

  if (pending && pending.id === meId) {
    return (
      <section className="card" aria-labelledby="handoff-title">
        <h2 id="handoff-title">{t('actions.handoff')}</h2>
        {command.error && <Notice tone="error">{command.error}</Notice>}
        <p>{t('actions.handoffForYou', { name: ticket.owner?.name ?? '' })}</p>
        {summary && <LanguageModelButton label="languageModel.summarize" request={summary} testId="handoff-summary" onText={setSummaryText} />}
        {summaryText && (
          <blockquote className="event-body" data-testid="handoff-summary-text">
            {summaryText}
          </blockquote>
        )}
        <div className="row">
          <button type="button" className="primary" onClick={() => void command.run('handoff/accept')} disabled={command.busy}>
            {t('actions.accept')}
          </button>
          <button type="button" onClick={() => void command.run('handoff/decline')} disabled={command.busy}>
            {t('actions.decline')}
          </button>
        </div>
      </section>
    );
  }
  if (!isOwner || ticket.status === 'closed' || ticket.status === 'resolved') return null;
  if (pending) {
    return (
      <section className="card" aria-labelledby="handoff-title">
        <h2 id="handoff-title">{t('actions.handoff')}</h2>
        {command.error && <Notice tone="error">{command.error}</Notice>}
        <p>{t('actions.handoffPending', { name: pending.name })}</p>
        <button type="button" onClick={() => void command.run('handoff/decline')} disabled={command.busy}>
          {t('actions.withdraw')}
        </button>
      </section>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await command.run('handoff', { toAgentId: to, note })) {
      setTo('');
      setNote('');
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="handoff-title">
      <h2 id="handoff-title">{t('actions.handoff')}</h2>
      {command.error && <Notice tone="error">{command.error}</Notice>}
      <Field label={t('actions.handoffTo')}>
        {(field) => (
          <select {...field} {...PEOPLE_PICKER} required value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="">{t('actions.choose')}</option>
            {handoverChoices(colleagues.filter((c) => c.id !== meId && takesTickets(c.role)), (c) => c.name, t).map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('actions.handoffNote')}>
        {(field) => (
          <textarea {...field} required maxLength={5000} value={note} onChange={(e) => setNote(e.target.value)} />
        )}
      </Field>
      {summary && <LanguageModelButton label="languageModel.summarize" request={summary} testId="handoff-summary" onText={(text) => setNote(text.slice(0, 5000))} />}
      <button type="submit" disabled={command.busy || !to || !note.trim()}>
        {t('actions.propose')}
      </button>
    </form>
  );
}
