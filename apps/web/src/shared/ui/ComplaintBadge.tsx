import { useI18n } from '../i18n/i18n.js';
import { complaintClock, type ComplaintFields } from './complaint-clock.js';

/**
 * A complaint stands out wherever it is listed: its own marker with its 24-hour resolution clock
 * (left or over), or the marker alone once it no longer runs.
 */
export function ComplaintBadge({ ticket, now }: { ticket: ComplaintFields; now: number }) {
  const { t, duration } = useI18n();
  const clock = complaintClock(ticket, now);
  if (!clock) return null;
  const { leftMs } = clock;
  const time = leftMs === null ? '' : duration(leftMs, { daysFrom: 2 });
  const text =
    leftMs === null
      ? t('complaint.marker')
      : clock.paused
        ? t('complaint.paused', { time })
        : leftMs >= 0
          ? t('complaint.left', { time })
          : t('complaint.overdue', { time });
  return (
    <span className="badge badge-complaint" data-testid="complaint-marker" data-overdue={leftMs !== null && leftMs < 0 ? 'true' : undefined}>
      {text}
    </span>
  );
}
