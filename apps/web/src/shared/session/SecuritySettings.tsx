import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { LoginAnswer, TwoFactorConfirmation, TwoFactorEnrolment, TwoFactorStatus } from '@firsthand/http-contracts';
import { apiFetch, ApiProblem } from '../api/http.js';
import { problemText } from '../api/problem-text.js';
import { useI18n } from '../i18n/i18n.js';
import { Field } from '../ui/Field.js';
import { Notice } from '../ui/Notice.js';
import { useAgentSession } from './agent-session.js';

/** Two-factor sign-in (enrol with a QR code, recovery codes, turn off) and signing out everywhere. */
export function SecuritySettings() {
  const { t } = useI18n();
  const { session, adopt, signOut } = useAgentSession();
  const token = session?.accessToken ?? null;
  const [status, setStatus] = useState<TwoFactorStatus | null>(null);
  const [enrolment, setEnrolment] = useState<TwoFactorEnrolment | null>(null);
  const [recovery, setRecovery] = useState<{ codes: string[]; signIn: LoginAnswer | null } | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => apiFetch<TwoFactorStatus>('/api/auth/two-factor', { token }).then(setStatus, (e: unknown) => setError(problemText(e, t))), [token, t]);
  useEffect(() => void load(), [load]);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      // Here the only password asked for is the agent's own, to turn the second factor off.
      setError(e instanceof ApiProblem && e.code === 'invalid-credentials' ? t('problem.wrong-password') : problemText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const start = () => act(async () => setEnrolment(await apiFetch<TwoFactorEnrolment>('/api/auth/two-factor/enrolment', { method: 'POST', token })));
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    return act(async () => {
      const done = await apiFetch<TwoFactorConfirmation>('/api/auth/two-factor/enrolment/confirm', { body: { code: code.trim() }, token });
      setRecovery({ codes: done.recoveryCodes, signIn: done.signIn });
      setEnrolment(null);
      setCode('');
    });
  };
  const savedCodes = () => {
    const signIn = recovery?.signIn;
    setRecovery(null);
    // The enrolment-only sign-in ended on the server; the full one replaces it only once the codes were seen.
    if (signIn) adopt(signIn);
    else void load();
  };
  const disable = (event: FormEvent) => {
    event.preventDefault();
    return act(async () => {
      await apiFetch<void>('/api/auth/two-factor/disable', { body: { password }, token });
      setPassword('');
      await load();
    });
  };
  const everywhere = () =>
    act(async () => {
      await apiFetch<{ revoked: number }>('/api/auth/logout-everywhere', { method: 'POST', token });
      signOut();
    });

  return (
    <section className="card security" aria-labelledby="security-title">
      <h2 id="security-title">{t('security.title')}</h2>
      {session?.enrolmentRequired && <Notice tone="warning">{t('security.enrolmentRequired')}</Notice>}
      {error && <Notice tone="error">{error}</Notice>}
      {recovery ? (
        <>
          <p>{t('security.recoveryIntro')}</p>
          <ul className="recovery-codes" aria-label={t('security.recoveryCodes')}>
            {recovery.codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <button type="button" className="primary" onClick={savedCodes}>
            {t('security.recoverySaved')}
          </button>
        </>
      ) : enrolment ? (
        <form onSubmit={confirm}>
          <p>{t('security.scan')}</p>
          <img src={enrolment.qrCode} alt={t('security.qrAlt')} width={220} height={220} />
          <p>
            {t('security.secret')} <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          <Field label={t('security.code')}>
            {(field) => <input {...field} name="code" autoComplete="one-time-code" inputMode="numeric" pattern="\d{6}" required maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} />}
          </Field>
          <button type="submit" className="primary" disabled={busy}>
            {t('security.confirm')}
          </button>
        </form>
      ) : status && !status.enrolled ? (
        <>
          <p>{status.required ? t('security.offRequired') : t('security.off')}</p>
          <button type="button" className="primary" onClick={start} disabled={busy}>
            {t('security.enrol')}
          </button>
        </>
      ) : status ? (
        <form onSubmit={disable}>
          <p>{t('security.on', { left: status.recoveryCodesLeft })}</p>
          <Field label={t('security.passwordToDisable')}>
            {(field) => <input {...field} type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />}
          </Field>
          <button type="submit" disabled={busy}>
            {t('security.disable')}
          </button>
        </form>
      ) : (
        <p role="status">{t('app.loading')}</p>
      )}
      {!session?.enrolmentRequired && (
        <p>
          <button type="button" onClick={everywhere} disabled={busy}>
            {t('security.signOutEverywhere')}
          </button>
        </p>
      )}
    </section>
  );
}
