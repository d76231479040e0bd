import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { useAgentSession } from './agent-session.js';
import { Notice } from '../ui/Notice.js';
import { Field } from '../ui/Field.js';

export function LoginForm() {
  const { t } = useI18n();
  const { signIn } = useAgentSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
