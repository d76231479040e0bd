import type { TicketView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import { clockLeft, nearestClock, urgencyLevel, type DueClock } from './urgency.js';

const TONE = { ok: 'badge-ok', warn: 'badge-warn', breached: 'badge-bad' } as const;

/**
 * The countdown, and the due moment as local time with its zone ("due Dec 7, 9:30 AM GMT+8"): the
 * countdown alone hides a weekend. A clock paused while the ticket waits for the customer says so and
 * holds its time left, without a due moment (it moves when the clock restarts).
 */
export function ClockBadge({ clock, now }: { clock: DueClock; now: number }) {
  const { t, duration, dateTime } = useI18n();
  const level = urgencyLevel(clock, now);
  const { leftMs: left, paused } = clockLeft(clock, now);
  const target = t(`sla.${clock.target}`);
  const due = new Date(clock.dueAt);
  if (paused) {
    return (
      <span className="badge badge-neutral" data-urgency={level} data-paused="true">
        {t('sla.paused', { target, time: duration(left) })}
      </span>
    );
  }
  return (
    <span className={`badge ${TONE[level]}`} data-urgency={level}>
      {left >= 0 ? t('sla.left', { target, time: duration(left) }) : t('sla.overdue', { target, time: duration(left) })}
      {' · '}
      <time className="badge-due" dateTime={due.toISOString()}>{t('sla.dueAt', { time: dateTime(due) })}</time>
    </span>
  );
}

/** The nearest running SLA clock, counting down live. */
export function SlaBadge({ ticket, now }: { ticket: TicketView; now: number }) {
  const { t } = useI18n();
  const clock = nearestClock(ticket);
  return clock ? <ClockBadge clock={clock} now={now} /> : <span className="badge badge-neutral">{t('sla.none')}</span>;
}
