import { useState, type FormEvent } from 'react';
import type { TicketView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import { Notice } from '../shared/ui/Notice.js';
import type { useTicketCommand } from './use-ticket-command.js';
import { Field } from '../shared/ui/Field.js';

interface Props {
  ticket: TicketView;
  lastSeq: number;
  command: ReturnType<typeof useTicketCommand>;
}

/** The owner's acts: waiting for the customer / open again, resolve with a resolution, escalate, reopen. */
export function TicketActions({ ticket, lastSeq, command }: Props) {
  const { t } = useI18n();
  const [status, setStatus] = useState<'open' | 'pending_customer'>(ticket.status === 'pending_customer' ? 'open' : 'pending_customer');
  const [resolution, setResolution] = useState('');
  const [reason, setReason] = useState('');

  const changeStatus = (event: FormEvent) => {
    event.preventDefault();
    void command.run('status', { status, expectedSeq: lastSeq });
  };
  const resolve = async (event: FormEvent) => {
    event.preventDefault();
    if (await command.run('status', resolution.trim() ? { status: 'resolved', resolution: resolution.trim(), expectedSeq: lastSeq } : { status: 'resolved', expectedSeq: lastSeq })) setResolution('');
  };
  const escalate = async (event: FormEvent) => {
    event.preventDefault();
    if (await command.run('escalate', { reason })) setReason('');
  };

  if (ticket.status === 'closed') return null;
  if (ticket.status === 'resolved') {
    return (
      <section className="card" aria-labelledby="actions-title">
        <h2 id="actions-title">{t('actions.title')}</h2>
        {command.error && <Notice tone="error">{command.error}</Notice>}
        <button type="button" onClick={() => void command.run('status', { status: 'open', expectedSeq: lastSeq })} disabled={command.busy}>
          {t('actions.reopen')}
        </button>
      </section>
    );
  }
  return (
    <section className="card actions" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('actions.title')}</h2>
      {command.error && <Notice tone="error">{command.error}</Notice>}
      <form className="row" onSubmit={changeStatus}>
        <Field label={t('actions.setStatus')}>
          {(field) => (
            <select {...field} value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
              <option value="pending_customer">{t('status.pending_customer')}</option>
              <option value="open">{t('status.open')}</option>
            </select>
          )}
        </Field>
        <button type="submit" disabled={command.busy || status === ticket.status}>
          {t('actions.apply')}
        </button>
      </form>
      <form onSubmit={resolve}>
        <Field label={t('actions.resolution')} hint={t('actions.resolutionHint')}>
          {(field) => (
            <textarea {...field} name="resolution" maxLength={5000} value={resolution} onChange={(e) => setResolution(e.target.value)} />
          )}
        </Field>
        <button type="submit" className="primary" disabled={command.busy}>
          {t('actions.resolve')}
        </button>
      </form>
      <form onSubmit={escalate}>
        <Field label={t('actions.escalateReason')}>
          {(field) => (
            <input {...field} name="reason" required maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
          )}
        </Field>
        <button type="submit" className="danger" disabled={command.busy || !reason.trim()}>
          {t('actions.escalate')}
        </button>
      </form>
    </section>
  );
}
