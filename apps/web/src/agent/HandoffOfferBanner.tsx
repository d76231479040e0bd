import { useState, type Ref } from 'react';
import { useI18n } from '../shared/i18n/i18n.js';
import { LinkedText } from '../shared/ui/LinkedText.js';
import type { HandoffOffer } from './handoff-offer.js';
import { LanguageModelButton } from './language-model/LanguageModelButton.js';
import type { useLanguageModelRequest } from './language-model/use-language-model.js';

export type HandoffAnswer = 'handoff/accept' | 'handoff/decline';

interface Props {
  offer: HandoffOffer;
  busy: boolean;
  /** Accept or decline (the owner's decline withdraws it), the same calls the handoff panel made. */
  onAnswer(answer: HandoffAnswer): void;
  /** A summary by the language model, when the helpdesk has one, for the agent deciding whether to take over. */
  summary?: ReturnType<typeof useLanguageModelRequest> | null;
  ref?: Ref<HTMLDivElement>;
}

/**
 * The ownership banner while a handoff waits, where both agents look first: the one offered the
 * ticket reads who offers it and their note, and answers there; the owner reads to whom it waits
 * and may withdraw it.
 */
export function HandoffOfferBanner({ offer, busy, onAnswer, summary = null, ref }: Props) {
  const { t, dateTime } = useI18n();
  const [summaryText, setSummaryText] = useState<string | null>(null);
  const when = offer.at && (
    <time className="muted" dateTime={offer.at}>
      {dateTime(offer.at)}
    </time>
  );

  if (offer.side === 'offering') {
    return (
      <div ref={ref} className="notice notice-success handoff-offer" data-testid="ownership" data-handoff="offering">
        <p>{t('ticket.youOwn')}</p>
        <p>
          {t('ticket.youOffered', { name: offer.to.name })} {when}
        </p>
        <div className="row">
          <button type="button" onClick={() => onAnswer('handoff/decline')} disabled={busy}>
            {t('actions.withdraw')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div ref={ref} className="notice notice-warning handoff-offer" data-testid="ownership" data-handoff="offered">
      <p>
        <strong>{t('ticket.offeredToYou', { name: offer.from.name })}</strong> {when}
      </p>
      {offer.note && (
        <figure>
          <figcaption>{t('ticket.offerNote', { name: offer.from.name })}</figcaption>
          <blockquote className="event-body" data-testid="handoff-note">
            <LinkedText text={offer.note} />
          </blockquote>
        </figure>
      )}
      <div className="row">
        <button type="button" className="primary" onClick={() => onAnswer('handoff/accept')} disabled={busy}>
          {t('actions.accept')}
        </button>
        <button type="button" onClick={() => onAnswer('handoff/decline')} disabled={busy}>
          {t('actions.decline')}
        </button>
        {summary && <LanguageModelButton label="languageModel.summarize" request={summary} testId="handoff-summary" onText={setSummaryText} />}
      </div>
      {summaryText && (
        <blockquote className="event-body" data-testid="handoff-summary-text">
          {summaryText}
        </blockquote>
      )}
    </div>
  );
}
