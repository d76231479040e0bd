import { useRef, useState, type FormEvent } from 'react';
import { WEBHOOK_ENDPOINT_LIMITS } from '@firsthand/domain';
import type { RegisteredWebhookEndpoint, RegisterWebhookEndpointRequest, WebhookEndpointView } from '@firsthand/http-contracts';
import { useI18n } from '../../shared/i18n/i18n.js';
import { useAgentApi, useAgentSession } from '../../shared/session/agent-session.js';
import { Field } from '../../shared/ui/Field.js';
import { Notice } from '../../shared/ui/Notice.js';
import { useFocusReturn } from '../../shared/ui/use-focus-return.js';
import { SupervisorPage } from '../calendars/SupervisorNav.js';
import { webhookRefusalText } from './settings-refusals.js';
import { useSettingsList } from './use-settings-list.js';
import './admin-settings.css';

/**
 * `/supervisor/webhooks` (admins): the integrations that receive every customer-visible event.
 * Adding one shows its signing secret this once; removing one stops deliveries to it. A supervisor
 * who opens the address is told the page is for admins and is offered nothing (the API refuses them too).
 */
export function WebhooksPage() {
  const { t } = useI18n();
  const isAdmin = useAgentSession().session?.agent.role === 'admin';
  return (
    <SupervisorPage current="/supervisor/webhooks" title={t('webhooks.title')} intro={t('webhooks.intro')} error={null}>
      {isAdmin ? <WebhookEndpoints /> : <Notice tone="warning">{t('webhooks.adminsOnly')}</Notice>}
    </SupervisorPage>
  );
}

function WebhookEndpoints() {
  const { t, dateTime } = useI18n();
  const api = useAgentApi();
  const { items: endpoints, reload, error, setError, done, setDone } = useSettingsList<WebhookEndpointView>('/api/webhook-endpoints', webhookRefusalText);
  const [registered, setRegistered] = useState<RegisteredWebhookEndpoint | null>(null);
  const focus = useFocusReturn();
  const doneRef = useRef<HTMLDivElement>(null);
  const secretRef = useRef<HTMLElement>(null);

  const remove = async (endpoint: WebhookEndpointView) => {
    if (!window.confirm(t('webhooks.removeConfirm', { url: endpoint.url }))) return;
    setError(null);
    setDone(null);
    try {
      await api.delete(`/api/webhook-endpoints/${endpoint.id}`);
      setDone(t('webhooks.removed', { url: endpoint.url }));
    } catch (e) {
      setError(webhookRefusalText(e, t));
    }
    await reload();
    focus.moveTo(() => doneRef.current ?? document.querySelector<HTMLElement>('.webhooks-error'));
  };

  const active = endpoints?.filter((e) => e.active) ?? [];
  const removed = (endpoints?.length ?? 0) - active.length;

  return (
    // A URL is one long word: it breaks where it must (in the secret's title, the notices), never widening a phone's page.
    <div className="settings-page">
      <section className="settings-explainer" aria-labelledby="webhooks-signing-title">
        <h2 id="webhooks-signing-title">{t('webhooks.signingTitle')}</h2>
        <p>{t('webhooks.signing')}</p>
        <pre className="settings-code" translate="no">
          webhook-signature: v1,base64(HMAC-SHA256(secret, webhook-id + "." + webhook-timestamp + "." + body))
        </pre>
        <p className="muted">{t('webhooks.guarded')}</p>
      </section>
      {error && (
        <div className="webhooks-error">
          <Notice tone="error">{error}</Notice>
        </div>
      )}
      {done && (
        <Notice tone="success" ref={doneRef}>
          {done}
        </Notice>
      )}
      {registered && (
        <section className="webhook-secret" ref={secretRef} aria-labelledby="webhook-secret-title" data-testid="webhook-secret">
          <h2 id="webhook-secret-title">{t('webhooks.secretTitle', { url: registered.endpoint.url })}</h2>
          <Notice tone="warning">{t('webhooks.secretOnce')}</Notice>
          <SecretBox secret={registered.secret} />
          <button
            type="button"
            onClick={() => {
              setRegistered(null);
              focus.moveTo(() => document.querySelector<HTMLElement>(`[data-endpoint="${registered.endpoint.id}"]`));
            }}
          >
            {t('webhooks.secretDone')}
          </button>
        </section>
      )}
      {!endpoints ? (
        !error && <p role="status">{t('app.loading')}</p>
      ) : active.length === 0 ? (
        <p>{t('webhooks.none')}</p>
      ) : (
        <table className="settings-table rows-on-phone" data-testid="webhooks-table">
          <thead>
            <tr>
              <th scope="col">{t('webhooks.url')}</th>
              <th scope="col">{t('webhooks.events')}</th>
              <th scope="col">{t('webhooks.added')}</th>
            </tr>
          </thead>
          <tbody>
            {active.map((endpoint) => (
              <tr key={endpoint.id} data-endpoint={endpoint.id} tabIndex={-1}>
                <td data-label={t('webhooks.url')}>
                  <span className="settings-name settings-url" translate="no">
                    {endpoint.url}
                  </span>
                  {endpoint.description && <span className="muted settings-detail">{endpoint.description}</span>}
                  {/* The visible word stays short; its name says which URL (a long one would fill a phone's line twice). */}
                  <button type="button" className="link settings-action" aria-label={t('webhooks.remove', { url: endpoint.url })} onClick={() => void remove(endpoint)}>
                    {t('webhooks.removeShort')}
                  </button>
                </td>
                <td data-label={t('webhooks.events')}>{t('webhooks.eventsAll')}</td>
                <td data-label={t('webhooks.added')}>
                  <time dateTime={endpoint.createdAt}>{dateTime(endpoint.createdAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {removed > 0 && <p className="muted">{t('webhooks.removedHidden', { n: removed })}</p>}
      <AddEndpointForm
        onAdded={(answer) => {
          setError(null);
          setDone(null);
          setRegistered(answer);
          void reload();
          focus.moveTo(() => secretRef.current);
        }}
      />
    </div>
  );
}

/** The secret, selectable as text, with a copy button; the browser may refuse the clipboard, and then the reader copies it by hand. */
function SecretBox({ secret }: { secret: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<'yes' | 'refused' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('refused');
    }
  };
  return (
    <div className="webhook-secret-value">
      <Field label={t('webhooks.secretLabel')}>
        {(props) => <input {...props} readOnly value={secret} className="settings-code-input" translate="no" spellCheck={false} onFocus={(e) => e.target.select()} />}
      </Field>
      <div className="row">
        <button type="button" className="primary" onClick={() => void copy()}>
          {t('webhooks.copy')}
        </button>
        <span role="status">{copied === 'yes' ? t('webhooks.copied') : copied === 'refused' ? t('webhooks.copyFailed') : ''}</span>
      </div>
    </div>
  );
}

function AddEndpointForm({ onAdded }: { onAdded(answer: RegisteredWebhookEndpoint): void }) {
  const { t } = useI18n();
  const api = useAgentApi();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: RegisterWebhookEndpointRequest = { url: url.trim(), ...(description.trim() ? { description: description.trim() } : {}) };
      const answer = await api.post<RegisteredWebhookEndpoint>('/api/webhook-endpoints', body);
      setUrl('');
      setDescription('');
      onAdded(answer);
    } catch (e) {
      setError(webhookRefusalText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    // noValidate: the API's refusal says what is wrong with a URL in the page's words, the browser's would not say why a private address is refused.
    <form className="settings-form" onSubmit={(e) => void submit(e)} aria-labelledby="webhooks-add-title" noValidate>
      <h2 id="webhooks-add-title">{t('webhooks.addTitle')}</h2>
      {error && <Notice tone="error">{error}</Notice>}
      <Field label={t('webhooks.url')} hint={t('webhooks.urlHint')}>
        {(props) => <input {...props} type="url" inputMode="url" required maxLength={WEBHOOK_ENDPOINT_LIMITS.urlMaxLength} placeholder="https://" value={url} onChange={(e) => setUrl(e.target.value)} />}
      </Field>
      <Field label={t('webhooks.description')} hint={t('webhooks.descriptionHint', { max: WEBHOOK_ENDPOINT_LIMITS.descriptionMaxLength })}>
        {(props) => <input {...props} maxLength={WEBHOOK_ENDPOINT_LIMITS.descriptionMaxLength} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <p className="muted">{t('webhooks.eventsHint')}</p>
      <button type="submit" className="primary" disabled={busy}>
        {t('webhooks.add')}
      </button>
    </form>
  );
}
