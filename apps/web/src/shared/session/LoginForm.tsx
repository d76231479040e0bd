import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { useAgentSession, type PendingSecondFactor } from './agent-session.js';
import { Notice } from '../ui/Notice.js';
import { Field } from '../ui/Field.js';

export function LoginForm() {
  const { t } = useI18n();
  const { signIn, completeSecondFactor } = useAgentSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState<PendingSecondFactor | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
      setError(t('login.failed', { message: (e as Error).message }));
      setBusy(false);
    }
  };

  if (pending) {
    return (
      <form className="card login" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('login.secondFactorTitle')}</h1>
        {error && <Notice tone="error">{error}</Notice>}
        <Field label={t('login.code')} hint={t('login.codeHint')}>
          {(field) => (
            <input {...field} name="code" autoComplete="one-time-code" inputMode="text" required maxLength={20} autoFocus value={code} onChange={(e) => setCode(e.target.value)} />
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
      {error && <Notice tone="error">{error}</Notice>}
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
      <button type="submit" className="primary" disabled={busy}>
        {t('login.submit')}
      </button>
    </form>
  );
}
