import type { TrackView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import { useNow } from '../shared/time/use-now.js';
import { promiseLines } from './promise-lines.js';

/** The promise: who owns the issue, and when the customer hears next (and, once that time passed, that it is late). */
export function PromiseCard({ view }: { view: TrackView }) {
  const { t, dateTime } = useI18n();
  const now = useNow(5000);
  const lines = promiseLines(view, now).map(({ key, time, name }) => t(key, { ...(time ? { time: dateTime(time) } : {}), ...(name ? { name } : {}) }));
  return (
    <div className="promise" data-testid="promise" aria-live="polite">
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {view.resolution && <p className="resolution">{view.resolution}</p>}
    </div>
  );
}
