import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages-en.js';
import { clientConfig, type ClientConfig } from '../live/client-config.js';
import { useAgentSession } from './agent-session.js';
import { Notice } from '../ui/Notice.js';
import { Field } from '../ui/Field.js';

const SSO_REASONS = new Set([
  'sign-in-expired', 'state-mismatch', 'nonce-mismatch', 'wrong-issuer', 'wrong-audience', 'token-expired', 'bad-signature', 'provider-refused',
  'provider-unavailable', 'email-missing', 'email-unverified', 'unknown-agent', 'agent-deactivated', 'no-mapped-role', 'provisioning-team-missing',
  'sign-in-unavailable', 'too-many', 'code-invalid',
]);

/** Which app the provider should send the browser back to: the console or the supervisor dashboard. */
const appOfPage = () => (window.location.pathname.startsWith('/supervisor') ? 'supervisor' : 'console');

export function LoginForm() {
  const { t } = useI18n();
  const { signIn, sso } = useAgentSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [config, setConfig] = useState<ClientConfig | null>(null);

  useEffect(() => {
    let live = true;
    clientConfig().then((c) => live && setConfig(c), () => undefined);
    return () => {
      live = false;
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
    } catch (e) {
      setError(t('login.failed', { message: (e as Error).message }));
      setBusy(false);
    }
  };

  const ssoError = sso.error ? t(`login.sso.${SSO_REASONS.has(sso.error) ? sso.error : 'unknown'}` as MessageKey) : null;

  return (
    <form className="card login" onSubmit={submit} aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      {sso.pending && <Notice tone="info">{t('login.ssoSigningIn')}</Notice>}
      {ssoError && <Notice tone="error">{ssoError}</Notice>}
      {error && <Notice tone="error">{error}</Notice>}
      {config?.sso && (
        <>
          <a className="button primary sso" href={`${config.sso.startPath}?app=${appOfPage()}`}>
            {t('login.sso', { provider: config.sso.providerName })}
          </a>
          <p className="login-or">{t('login.or')}</p>
        </>
      )}
      {config?.passwordLogin === false && <p className="hint">{t('login.passwordsOff')}</p>}
      <Field label={t('login.email')}>
        {(field) => (
          <input {...field} type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        )}
      </Field>
      <Field label={t('login.password')}>
        {(field) => (
          <input {...field} type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        )}
      </Field>
      <button type="submit" className={config?.sso ? undefined : 'primary'} disabled={busy || sso.pending}>
        {t('login.submit')}
      </button>
    </form>
  );
}
