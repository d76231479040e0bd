import { useCallback } from 'react';
import { apiResponse, ApiProblem } from '../shared/api/http.js';
import { problemText } from '../shared/api/problem-text.js';
import { useI18n } from '../shared/i18n/i18n.js';
import { LinkedText } from '../shared/ui/LinkedText.js';
import { LiveIndicator } from '../shared/ui/LiveIndicator.js';
import { Notice } from '../shared/ui/Notice.js';
import { AutomaticAnswer } from './AutomaticAnswer.js';
import { CustomerReplyForm } from './CustomerReplyForm.js';
import { CustomerTimeline } from './CustomerTimeline.js';
import { FeedbackForm } from './FeedbackForm.js';
import { MissingLink } from './MissingLink.js';
import { PrivateLink } from './PrivateLink.js';
import { PromiseCard } from './PromiseCard.js';
import { ReopenOffer } from './ReopenOffer.js';
import { ServiceMap } from './ServiceMap.js';
import { finishedUntaken } from './service-map.js';
import type { TrackIntent } from './tracking-fragment.js';
import { useCustomerStream } from './use-customer-stream.js';

export function TrackPage({ code, token, intent = null, onToken }: { code: string; token: string; intent?: TrackIntent | null; onToken(token: string): void }) {
  const { t } = useI18n();
  const { view, timeline, error, live, apply } = useCustomerStream(code, token);
  const attachmentSource = useCallback(
    async (attachmentId: string) => (await apiResponse(`/api/track/${encodeURIComponent(code)}/attachments/${attachmentId}`, { trackingToken: token })).blob(),
    [code, token],
  );

  if (error instanceof ApiProblem && (error.status === 404 || error.status === 401)) return <MissingLink onToken={onToken} wrong />;
  if (error) return <Notice tone="error">{t('app.error', { message: problemText(error, t) })}</Notice>;
  if (!view) return <p role="status">{t('app.loading')}</p>;

  return (
    <div className="track-layout">
      <section className="card track-summary" aria-labelledby="track-title">
        <div className="row spread">
          <h1 id="track-title">{t('track.title', { code: view.code })}</h1>
          <LiveIndicator status={live} />
        </div>
        <p className="subject">{view.subject}</p>
        <section className="track-description" aria-labelledby="track-description-title" data-testid="track-description">
          <h2 id="track-description-title">{t('track.description')}</h2>
          <p>
            <LinkedText text={view.description} />
          </p>
        </section>
        <p>
          <span className="badge badge-neutral" data-testid="track-status">
            {t(`track.status.${view.stage}`)}
          </span>
        </p>
        <ServiceMap view={view} timeline={timeline} />
        <PromiseCard view={view} />
      </section>
      <section className="card" aria-labelledby="track-timeline-title">
        <h2 id="track-timeline-title">{t('track.timeline')}</h2>
        <CustomerTimeline entries={timeline} attachmentSource={attachmentSource} />
      </section>
      <div className="stack">
        {view.automaticAnswer && <AutomaticAnswer code={code} token={token} answer={view.automaticAnswer} onDone={apply} focus={intent === 'solved' || intent === 'need-person' ? intent : null} />}
        {view.status !== 'closed' && <CustomerReplyForm view={view} code={code} token={token} onDone={apply} />}
        {view.status === 'resolved' && view.canReopenUntil && <ReopenOffer code={code} token={token} until={view.canReopenUntil} onDone={apply} />}
        {/* Nobody answered an issue closed unanswered (spam): there is no service to rate. */}
        {(view.rateable || view.feedback) && !(view.stage === 'closed' && finishedUntaken(view, timeline)) && <FeedbackForm code={code} token={token} feedback={view.feedback} onDone={apply} focused={intent === 'rate'} />}
        {view.status === 'closed' && (
          <Notice tone="info">
            {t('track.closed')} <a href="/">{t('track.newIssue')}</a>
          </Notice>
        )}
        <PrivateLink code={code} token={token} />
      </div>
    </div>
  );
}
