import { useRef, useState, type FormEvent } from 'react';
import type { TrackView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import { Notice } from '../shared/ui/Notice.js';
import { useCustomerAction } from './use-customer-action.js';
import { useRevealOnce } from './use-reveal-once.js';
import { Field } from '../shared/ui/Field.js';

/** Rate 1-5 with an optional comment, once, after the resolution. */
export function FeedbackForm({
  code,
  token,
  feedback,
  onDone,
  focused = false,
}: {
  code: string;
  token: string;
  feedback: TrackView['feedback'];
  onDone(view: TrackView): void;
  /** Opened from the message's "rate" link: the stars are shown and the first focused, once. */
  focused?: boolean;
}) {
  const { t } = useI18n();
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const { run, busy, notice } = useCustomerAction(code, token, onDone);
  const stars = useRef<HTMLFieldSetElement>(null);
  useRevealOnce(stars, focused);

  if (feedback) return <Notice tone="success">{t('track.rated', { rating: feedback.rating })}</Notice>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (rating !== null) void run('feedback', comment.trim() ? { rating, comment: comment.trim() } : { rating });
  };
  return (
    <form className="card" onSubmit={submit}>
      {notice && <Notice tone="error">{notice}</Notice>}
      <fieldset className="rating" ref={stars}>
        <legend>{t('track.rate')}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="star">
            <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} required />
            <span aria-hidden="true">{'★'.repeat(n)}</span>
            <span className="visually-hidden">{t('track.rating', { n })}</span>
          </label>
        ))}
      </fieldset>
      <Field label={t('track.comment')}>
        {(field) => (
          <textarea {...field} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
        )}
      </Field>
      <button type="submit" className="primary" disabled={busy || rating === null}>
        {t('track.rateSend')}
      </button>
    </form>
  );
}
