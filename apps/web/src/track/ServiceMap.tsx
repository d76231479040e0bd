import type { CustomerTimelineEntry } from '@firsthand/domain';
import type { TrackView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import { serviceSteps } from './service-map.js';

/** The live service map: submitted → taken by a named agent → in progress → waiting for you → resolved. */
export function ServiceMap({ view, timeline }: { view: TrackView; timeline: readonly CustomerTimelineEntry[] }) {
  const { t } = useI18n();
  const steps = serviceSteps(view, timeline);
  const label = (id: (typeof steps)[number]['id']) => {
    if (id === 'taken') return view.promise.ownerName ? t('track.step.taken', { name: view.promise.ownerName }) : t('track.step.takenPending');
    return t(`track.step.${id}`);
  };
  return (
    <ol className="service-map" aria-label={t('track.map')} data-testid="service-map">
      {steps.map((step) => (
        <li key={step.id} className={`step step-${step.state}`} aria-current={step.state === 'current' ? 'step' : undefined} data-step={step.id} data-state={step.state}>
          <span className="marker" aria-hidden="true" />
          <span className="step-label">{label(step.id)}</span>
          <span className="visually-hidden"> ({t(`track.step.state.${step.state}`)})</span>
        </li>
      ))}
    </ol>
  );
}
