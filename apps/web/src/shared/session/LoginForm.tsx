import { useEffect, useRef, useState, type FormEvent } from 'react';
import { problemText } from '../api/problem-text.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages-en.js';
import { clientConfig, type ClientConfig } from '../live/client-config.js';
import { SESSION_ENDED_KEY, useAgentSession, type PendingSecondFactor } from './agent-session.js';
import { Notice } from '../ui/Notice.js';
import { Field } from '../ui/Field.js';
import { useFocusReturn } from '../ui/use-focus-return.js';

const SSO_REASONS = new Set([
  'sign-in-expired', 'state-mismatch', 'nonce-mismatch', 'wrong-issuer', 'wrong-audience', 'token-expired', 'bad-signature', 'provider-refused',
  'provider-unavailable', 'email-missing', 'email-unverified', 'unknown-agent', 'agent-deactivated', 'no-mapped-role', 'provisioning-team-missing',
  'sign-in-unavailable', 'too-many', 'code-invalid',
]);

/** Which app the provider should send the browser back to: the console or the supervisor dashboard. */
const appOfPage = () => (window.location.pathname.startsWith('/supervisor') ? 'supervisor' : 'console');

export function LoginForm() {
  const { t } = useI18n();
  const { signIn, completeSecondFactor, sso } = useAgentSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState<PendingSecondFactor | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [config, setConfig] = useState<ClientConfig | null>(null);
  const [ended] = useState(() => sessionStorage.getItem(SESSION_ENDED_KEY) !== null);
  const passwordField = useRef<HTMLInputElement>(null);
  const codeField = useRef<HTMLInputElement>(null);
  const focus = useFocusReturn();

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
      if (pending) {
        await completeSecondFactor(pending, code);
      } else {
        const challenge = await signIn(email, password);
        if (challenge) {
          setPending(challenge);
          setBusy(false);
        }
      }
    } catch (e) {
      setError(t('login.failed', { message: problemText(e, t) }));
      setBusy(false);
      // The button was disabled while it held focus, which left focus on <body>: back to the field to type again.
      const retry = pending ? codeField : passwordField;
      focus.moveTo(() => {
        retry.current?.select();
        return retry.current;
      });
    }
  };

  const ssoError = sso.error ? t(`login.sso.${SSO_REASONS.has(sso.error) ? sso.error : 'unknown'}` as MessageKey) : null;
  if (pending) {
    return (
      <form className="card login" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('login.secondFactorTitle')}</h1>
        {error && <Notice tone="error">{error}</Notice>}
        <Field label={t('login.code')} hint={t('login.codeHint')}>
          {(field) => (
            <input {...field} ref={codeField} name="code" autoComplete="one-time-code" inputMode="text" required maxLength={20} autoFocus value={code} onChange={(e) => setCode(e.target.value)} />
          )}
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {t('login.verify')}
        </button>
        <button type="button" onClick={() => (setPending(null), setCode(''), setError(null))}>
          {t('app.cancel')}
        </button>
      </form>
    );
  }

  return (
    <form className="card login" onSubmit={submit} aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      {ended && <Notice tone="warning" testId="session-ended">{t('login.sessionEnded')}</Notice>}
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
          <input {...field} ref={passwordField} type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        )}
      </Field>
      <button type="submit" className={config?.sso ? undefined : 'primary'} disabled={busy || sso.pending}>
        {t('login.submit')}
      </button>
    </form>
  );
}
