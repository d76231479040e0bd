import { useRef } from 'react';
import type { TrackAutomaticAnswer, TrackView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import { Notice } from '../shared/ui/Notice.js';
import { useCustomerAction } from './use-customer-action.js';
import { useRevealOnce } from './use-reveal-once.js';

/**
 * The bot's answer, marked automatic, with the customer's two choices while it waits for them. The
 * HTML is the article as sent: sanitised by the allow-list when the article was saved and again when
 * the answer was stored, so it is rendered as HTML.
 */
export function AutomaticAnswer({
  code,
  token,
  answer,
  onDone,
  focus = null,
}: {
  code: string;
  token: string;
  answer: TrackAutomaticAnswer;
  onDone(view: TrackView): void;
  /** The choice the customer clicked in the message: shown and focused once, never pressed for them. */
  focus?: 'solved' | 'need-person' | null;
}) {
  const { t } = useI18n();
  const { run, busy, notice } = useCustomerAction(code, token, onDone);
  const solved = useRef<HTMLButtonElement>(null);
  const needPerson = useRef<HTMLButtonElement>(null);
  useRevealOnce(solved, focus === 'solved');
  useRevealOnce(needPerson, focus === 'need-person');
  return (
    <section className="card automatic-answer" aria-labelledby="automatic-answer-title" data-testid="automatic-answer">
      <p>
        <span className="badge badge-neutral">{t('track.automaticAnswer')}</span>
      </p>
      <h2 id="automatic-answer-title">{answer.title}</h2>
      <div className="kb-preview" lang={answer.locale} dangerouslySetInnerHTML={{ __html: answer.html }} />
      {notice && <Notice tone="error">{notice}</Notice>}
      {answer.awaitingChoice && (
        <div className="row">
          <button type="button" ref={solved} onClick={() => void run('automatic-answer/solved', {})} disabled={busy}>
            {t('track.automaticAnswer.solved')}
          </button>
          <button type="button" className="secondary" ref={needPerson} onClick={() => void run('automatic-answer/need-person', {})} disabled={busy}>
            {t('track.automaticAnswer.needPerson')}
          </button>
        </div>
      )}
    </section>
  );
}
