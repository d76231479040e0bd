import { useEffect, useRef, useState } from 'react';
import type { InboundMailOriginal } from '@firsthand/http-contracts';
import { apiResponse } from '../shared/api/http.js';
import { problemText } from '../shared/api/problem-text.js';
import { formatFileSize } from '../shared/attachments/file-size.js';
import { useI18n } from '../shared/i18n/i18n.js';
import { isSupervisorRole } from '@firsthand/domain';
import { useSignedInAgent, type AgentApi } from '../shared/session/agent-session.js';
import { LinkedText } from '../shared/ui/LinkedText.js';
import { Notice } from '../shared/ui/Notice.js';

/**
 * "Show original": the mail read again whole, in a modal. The text goes into a <pre> as text,
 * never as HTML; the .eml is fetched with the agent's token and saved from a blob URL.
 */
export function MailOriginal({ api, ticketId, mailId, onClose }: { api: AgentApi; ticketId: string; mailId: string; onClose(): void }) {
  const { t, dateTime, locale } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [mail, setMail] = useState<InboundMailOriginal | null>(null);
  // The refusal itself, worded when shown: the header's language switch rewords it.
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const base = `/api/tickets/${ticketId}/mails/${mailId}`;

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);
  useEffect(() => {
    let cancelled = false;
    api.get<InboundMailOriginal>(base).then(
      (original) => !cancelled && setMail(original),
      (error: unknown) => !cancelled && setFailure({ error }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, base]);

  const mayDownload = isSupervisorRole(useSignedInAgent().role);
  const saveEml = async () => {
    try {
      const url = URL.createObjectURL(await (await apiResponse(`${base}/raw`, { token: api.token })).blob());
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = `mail-${mailId}.eml`;
      anchor.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setFailure({ error });
    }
  };

  const checks = mail ? Object.entries(mail.auth).map(([name, result]) => `${name}=${result}`).join(' ') : '';
  return (
    <dialog ref={dialog} className="mail-original" aria-labelledby="mail-original-title" onCancel={onClose} data-testid="mail-original">
      <h2 id="mail-original-title">{t('email.original')}</h2>
      {failure && <Notice tone="error">{t('app.error', { message: problemText(failure.error, t) })}</Notice>}
      {!mail && !failure && <p role="status">{t('app.loading')}</p>}
      {mail && (
        <>
          <dl>
            <dt>{t('email.fromLabel')}</dt>
            <dd>{mail.from ?? ''}</dd>
            <dt>{t('email.to')}</dt>
            <dd>{mail.to.join(', ')}</dd>
            {mail.cc.length > 0 && (
              <>
                <dt>{t('email.cc')}</dt>
                <dd>{mail.cc.join(', ')}</dd>
              </>
            )}
            <dt>{t('email.date')}</dt>
            <dd>{dateTime(mail.date ?? mail.receivedAt)}</dd>
            <dt>{t('email.subject')}</dt>
            <dd>{mail.subject ?? ''}</dd>
            <dt>{t('email.checks')}</dt>
            <dd>
              {checks || '–'} · {mail.verified === true ? t('email.verified') : mail.verified === false ? t('email.notVerified') : t('email.noVerdict')}
            </dd>
            {mail.files.length > 0 && (
              <>
                <dt>{t('email.files')}</dt>
                <dd>{mail.files.map((f) => `${f.filename} (${formatFileSize(f.sizeBytes, locale)})`).join(', ')}</dd>
              </>
            )}
          </dl>
          <pre data-testid="mail-original-text">
            <LinkedText text={mail.fullText} />
          </pre>
        </>
      )}
      <div className="row">
        {/* The bytes hold what the text leaves out (a quoted tracking link's token): supervisors and admins only. */}
        {mayDownload && (
          <button type="button" onClick={() => void saveEml()}>
            {t('email.downloadEml')}
          </button>
        )}
        <button type="button" onClick={onClose}>
          {t('email.close')}
        </button>
      </div>
    </dialog>
  );
}
