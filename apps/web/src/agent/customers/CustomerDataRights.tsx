import { useEffect, useRef, useState } from 'react';
import type { CustomerErasureStatus, CustomerExportStatus, CustomerProfile } from '@firsthand/http-contracts';
import { ApiProblem, apiResponse } from '../../shared/api/http.js';
import { problemText } from '../../shared/api/problem-text.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import type { AgentApi } from '../../shared/session/agent-session.js';
import { Notice } from '../../shared/ui/Notice.js';
import { CustomerExports, exportsFull, FULL_NOTICE_ID } from './CustomerExports.js';
import { useCustomerExports } from './use-customer-exports.js';

/** Admins only: export everything held about the customer, or erase them (docs/data-rights.md). */
export function CustomerDataRights({ api, profile, onChanged }: { api: AgentApi; profile: CustomerProfile; onChanged(): void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [confirming, setConfirming] = useState<{ openTickets: Array<{ code: string; subject: string }> } | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const exports = useCustomerExports(api, profile.id);
  const [awaited, setAwaited] = useState<string | null>(null);
  const full = exportsFull(exports.list);
  useEffect(() => {
    const el = dialog.current;
    if (el && confirming && !el.open) el.showModal();
    if (el && !confirming && el.open) el.close();
  }, [confirming]);

  const download = async (item: CustomerExportStatus) => {
    try {
      const url = URL.createObjectURL(await (await apiResponse(item.downloadUrl!, { token: api.token })).blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `customer-${profile.id}.zip`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      setOutcome({ tone: 'success', text: t('customer.exportReady', { hours: expiresIn(item.expiresAt) }) });
    } catch (error) {
      setOutcome({ tone: 'error', text: problemText(error, t) });
      void exports.reload();
    }
  };

  // The export asked for on this page downloads itself once the worker has written it; older ones wait in the list.
  const asked = exports.list?.items.find((e) => e.id === awaited);
  useEffect(() => {
    if (!asked || asked.state === 'queued' || asked.state === 'running') return;
    setAwaited(null);
    if (asked.state === 'ready' && asked.downloadUrl) void download(asked);
    else setOutcome({ tone: 'error', text: t('customer.exportFailed', { state: t(`customer.exportState.${asked.state}`) }) });
  }, [asked?.id, asked?.state]);

  const exportData = async () => {
    setBusy(true);
    try {
      const status = await api.post<CustomerExportStatus>(`/api/customers/${profile.id}/exports`, {});
      setAwaited(status.id);
      setOutcome({ tone: 'success', text: t('customer.exportQueued') });
    } catch (error) {
      setOutcome({ tone: 'error', text: problemText(error, t) });
    } finally {
      await exports.reload();
      setBusy(false);
    }
  };

  const erase = async (confirm: boolean) => {
    setBusy(true);
    try {
      const status = await api.post<CustomerErasureStatus>(`/api/customers/${profile.id}/erasure`, confirm ? { confirm: true } : {});
      setConfirming(null);
      setOutcome({ tone: 'success', text: t('customer.erasureStarted', { steps: String(status.stepCount) }) });
      onChanged();
    } catch (error) {
      if (error instanceof ApiProblem && error.code === 'erasure-needs-confirmation') {
        // The dialog says the consequences in the reader's language; the API's English `detail` is not shown.
        setConfirming({ openTickets: (error.body.openTickets as Array<{ code: string; subject: string }>) ?? [] });
      } else {
        setConfirming(null);
        setOutcome({ tone: 'error', text: problemText(error, t) });
      }
    } finally {
      setBusy(false);
    }
  };

  /** The first click always explains; the API then says whether open tickets need the explicit confirmation. */
  const askErase = () => setConfirming({ openTickets: [] });

  return (
    <section className="card stack" aria-labelledby="customer-data-title" data-testid="customer-data-rights">
      <h2 id="customer-data-title">{t('customer.dataRights')}</h2>
      {outcome && <Notice tone={outcome.tone} testId="customer-data-outcome">{outcome.text}</Notice>}
      <div className="row">
        {/* Refused while as many as the limit are live: the notice under the list says why and until when. */}
        <button type="button" disabled={busy || full} aria-describedby={full ? FULL_NOTICE_ID : undefined} onClick={() => void exportData()}>
          {t('customer.exportData')}
        </button>
        <button type="button" className="danger" disabled={busy} onClick={askErase}>
          {t('customer.erase')}
        </button>
      </div>
      {exports.list ? <CustomerExports list={exports.list} busy={busy} onDownload={(item) => void download(item)} /> : exports.error ? <Notice tone="error">{problemText(exports.error, t)}</Notice> : null}
      <dialog ref={dialog} aria-labelledby="erase-title" onCancel={() => setConfirming(null)} data-testid="erase-dialog">
        <h2 id="erase-title">{t('customer.eraseTitle', { name: profile.name })}</h2>
        <p>{t('customer.eraseConsequences')}</p>
        {confirming && confirming.openTickets.length > 0 && (
          <>
            <Notice tone="error">{t('customer.eraseOpenTickets', { count: String(confirming.openTickets.length) })}</Notice>
            <ul className="plain-list">
              {confirming.openTickets.map((ticket) => (
                <li key={ticket.code}>
                  <strong>{ticket.code}</strong> {ticket.subject}
                </li>
              ))}
            </ul>
          </>
        )}
        <div className="row">
          <button type="button" className="danger" disabled={busy} onClick={() => void erase(Boolean(confirming?.openTickets.length))}>
            {confirming?.openTickets.length ? t('customer.eraseConfirmClose') : t('customer.eraseConfirm')}
          </button>
          <button type="button" onClick={() => setConfirming(null)}>
            {t('app.cancel')}
          </button>
        </div>
      </dialog>
    </section>
  );
}

function expiresIn(expiresAt: string | null): string {
  return expiresAt ? String(Math.max(1, Math.round((Date.parse(expiresAt) - Date.now()) / 3_600_000))) : '?';
}
