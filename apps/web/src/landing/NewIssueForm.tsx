import { useRef, useState, type FormEvent } from 'react';
import { TICKET_KINDS, type TicketKind } from '@firsthand/domain';
import { apiFetch, ApiProblem } from '../shared/api/http.js';
import type { OpenedTicket } from '@firsthand/http-contracts';
import { problemText, wordsProblem } from '../shared/api/problem-text.js';
import { useI18n } from '../shared/i18n/i18n.js';
import type { MessageKey } from '../shared/i18n/messages-en.js';
import { Field } from '../shared/ui/Field.js';
import { Notice } from '../shared/ui/Notice.js';
import { useFocusReturn } from '../shared/ui/use-focus-return.js';
import { randomKey } from '../shared/api/random-key.js';
import { rememberTrackingToken, trackingPath } from '../track/tracking-token.js';
import { AttachmentPicker } from '../shared/attachments/AttachmentPicker.js';
import { useUploads } from '../shared/attachments/use-uploads.js';
import { messageAttachmentsText } from '../shared/attachments/attachment-problems.js';
import { SuggestedArticles, useArticleSuggestions } from './SuggestedArticles.js';
import type { ArticleSuggestion } from '@firsthand/http-contracts';

interface FieldErrors {
  [field: string]: string[];
}

/** What each field needs, in the reader's language; the API checks the same (open-ticket.dto.ts). */
const FIELD_HINTS: Record<string, MessageKey> = {
  'customer.name': 'newIssue.error.name',
  'customer.email': 'newIssue.error.email',
  'customer.phone': 'newIssue.error.phone',
  subject: 'newIssue.error.subject',
  description: 'newIssue.error.description',
};
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;

/** The fields to fix before sending, by the rules the API applies (it still checks them all). */
function fieldsToFix(form: { name: string; email: string; phone: string; subject: string; description: string }): Record<string, MessageKey> {
  const refused: Record<string, MessageKey> = {};
  if (!form.name.trim()) refused['customer.name'] = 'newIssue.error.name';
  if (form.email.trim() && !EMAIL.test(form.email.trim())) refused['customer.email'] = 'newIssue.error.email';
  if (form.phone.trim() && !PHONE.test(form.phone.trim())) refused['customer.phone'] = 'newIssue.error.phone';
  if (form.subject.trim().length < 2) refused.subject = 'newIssue.error.subject';
  if (!form.description.trim()) refused.description = 'newIssue.error.description';
  if (!form.email.trim() && !form.phone.trim()) refused['customer.email'] = 'newIssue.contactRequired';
  return refused;
}

/** The API's name of each field of the form, which its errors are keyed by. */
const FIELD_NAMES = { name: 'customer.name', email: 'customer.email', phone: 'customer.phone', subject: 'subject', description: 'description' } as const;

/** The public "open an issue" form (channel web). On success the browser goes to the tracking page with the token. */
export function NewIssueForm() {
  const { t, locale } = useI18n();
  const [form, setForm] = useState({ name: '', email: '', phone: '', subject: '', description: '', kind: 'question' as TicketKind });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const uploads = useUploads(null);
  // One key per filled form: a double submit or a retry after a timeout opens one ticket.
  const idempotencyKey = useRef(randomKey());
  const set = (field: keyof typeof form) => (value: string) => {
    const next = { ...form, [field]: value };
    setForm(next);
    // A field fixed after a refused send stops saying it is wrong, and the summary goes with the
    // last of them (a phone number also answers "an email or a phone"); the others keep theirs.
    if (field === 'kind') return;
    const still = fieldsToFix(next);
    const touched: string[] = field === 'phone' ? [FIELD_NAMES.phone, FIELD_NAMES.email] : [FIELD_NAMES[field]];
    const fixed = touched.filter((name) => errors[name] && !still[name]);
    if (fixed.length === 0) return;
    const rest = Object.fromEntries(Object.entries(errors).filter(([name]) => !fixed.includes(name)));
    setErrors(rest);
    if (Object.keys(rest).length === 0 && failure === t('newIssue.invalid')) setFailure(null);
  };
  const suggestions = useArticleSuggestions(form.subject, locale);
  const [answeredBy, setAnsweredBy] = useState<ArticleSuggestion | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const excessRef = useRef<HTMLParagraphElement>(null);
  const focus = useFocusReturn();
  // After a refused send, focus goes to the first field to fix (its label and message are read out),
  // or to the message saying what went wrong when no field is at fault: left on Send, nothing is said.
  const focusProblem = () => focus.moveTo(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? summaryRef.current);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const refused = fieldsToFix(form);
    if (Object.keys(refused).length > 0) {
      setErrors(Object.fromEntries(Object.entries(refused).map(([field, key]) => [field, [t(key)]])));
      setFailure(t('newIssue.invalid'));
      focusProblem();
      return;
    }
    if (uploads.excess) {
      // The picker already says which limit the files are over: Send takes the reader there, once.
      setErrors({});
      setFailure(null);
      focus.moveTo(() => excessRef.current);
      return;
    }
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const customer = { name: form.name, locale, ...(form.email.trim() ? { email: form.email.trim() } : {}), ...(form.phone.trim() ? { phone: form.phone.trim() } : {}) };
      const opened = await apiFetch<OpenedTicket>('/api/tickets', {
        body: { subject: form.subject, description: form.description, channel: 'web', kind: form.kind, customer, ...(uploads.refs.length > 0 ? { attachments: uploads.refs } : {}) },
        headers: { 'idempotency-key': idempotencyKey.current },
      });
      rememberTrackingToken(opened.code, opened.trackingToken);
      window.location.assign(trackingPath(opened.code, opened.trackingToken));
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiProblem && Array.isArray(error.body.errors)) {
        // The server's messages are English: each field says what to fix in the reader's language.
        const list = error.body.errors as Array<{ field: string; messages: string[] }>;
        setErrors(Object.fromEntries(list.map((e) => [e.field, [t(FIELD_HINTS[e.field] ?? 'newIssue.error.other')]])));
        setFailure(t('newIssue.invalid'));
      } else {
        const attachments = error instanceof ApiProblem ? messageAttachmentsText(error, t, locale) : null;
        // A refusal the page words (the customer's data being erased, a limit) is said as it is; only the unexpected is "something went wrong".
        const refusal = error instanceof ApiProblem && wordsProblem(error.code) ? problemText(error, t) : t('app.error', { message: problemText(error, t) });
        setFailure(attachments ?? refusal);
      }
      focusProblem();
    }
  };

  const fieldError = (field: string) => (errors[field] ? errors[field].join(' ') : null);

  if (answeredBy) {
    return (
      <section className="card new-issue" aria-labelledby="new-issue-title">
        <h2 id="new-issue-title">{t('newIssue.gladTitle')}</h2>
        <p>
          {t('newIssue.gladBody')}{' '}
          <a href={answeredBy.url} lang={answeredBy.locale}>
            {answeredBy.title}
          </a>
        </p>
        <button type="button" onClick={() => setAnsweredBy(null)}>
          {t('newIssue.stillNeedHelp')}
        </button>
      </section>
    );
  }

  return (
    <form ref={formRef} className="card new-issue" onSubmit={submit} aria-labelledby="new-issue-title">
      <h2 id="new-issue-title">{t('newIssue.title')}</h2>
      <p className="muted">{t('newIssue.intro')}</p>
      {failure && (
        <Notice tone="error" testId="new-issue-problem" ref={summaryRef}>
          {failure}
        </Notice>
      )}
      <Field label={t('newIssue.name')} error={fieldError('customer.name')}>
        {(field) => <input {...field} name="name" autoComplete="name" required maxLength={120} value={form.name} onChange={(e) => set('name')(e.target.value)} />}
      </Field>
      <div className="two">
        <Field label={t('newIssue.email')} error={fieldError('customer.email')} hint={t('newIssue.contactHint')}>
          {(field) => <input {...field} name="email" type="email" autoComplete="email" maxLength={254} value={form.email} onChange={(e) => set('email')(e.target.value)} />}
        </Field>
        <Field label={t('newIssue.phone')} error={fieldError('customer.phone')}>
          {(field) => <input {...field} name="phone" type="tel" autoComplete="tel" value={form.phone} onChange={(e) => set('phone')(e.target.value)} />}
        </Field>
      </div>
      <Field label={t('newIssue.kind')}>
        {(field) => (
          <select {...field} name="kind" value={form.kind} onChange={(e) => set('kind')(e.target.value)}>
            {TICKET_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kind.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('newIssue.subject')} error={fieldError('subject')}>
        {(field) => <input {...field} name="subject" required minLength={2} maxLength={200} value={form.subject} onChange={(e) => set('subject')(e.target.value)} />}
      </Field>
      <SuggestedArticles items={suggestions} query={form.subject} onAnswered={setAnsweredBy} />
      <Field label={t('newIssue.description')} error={fieldError('description')}>
        {(field) => <textarea {...field} name="description" required maxLength={20000} rows={5} value={form.description} onChange={(e) => set('description')(e.target.value)} />}
      </Field>
      <AttachmentPicker uploads={uploads} excessRef={excessRef} />
      <button type="submit" className="primary" disabled={busy || uploads.uploading}>
        {busy ? t('newIssue.sending') : t('newIssue.submit')}
      </button>
    </form>
  );
}
