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
  /** A summary by the language model, when the helpdesk has one: it fills the handoff note. */
  summary?: ReturnType<typeof useLanguageModelRequest> | null;
  /** The proposal went out: this panel gives way to the banner saying it waits. */
  onProposed(): void;
}

/** Ownership moves only by an accepted handoff: the owner proposes here; the other agent answers in the ownership banner. */
export function HandoffPanel({ ticket, meId, colleagues, command, summary = null, onProposed }: Props) {
  const { t } = useI18n();
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const isOwner = ticket.owner?.id === meId;

  // A handoff waiting for an answer is shown, and answered, in the ownership banner.
  if (!isOwner || ticket.pendingHandoffTo || ticket.status === 'closed' || ticket.status === 'resolved') return null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await command.run('handoff', { toAgentId: to, note })) {
      setTo('');
      setNote('');
      onProposed();
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
