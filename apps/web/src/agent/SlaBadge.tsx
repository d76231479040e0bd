import type { TicketView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import { nearestClock, urgencyLevel, type DueClock } from './urgency.js';

const TONE = { ok: 'badge-ok', warn: 'badge-warn', breached: 'badge-bad' } as const;

/** The countdown, and the due moment as local time with its zone ("due Dec 7, 9:30 AM GMT+8"): the countdown alone hides a weekend. */
export function ClockBadge({ clock, now }: { clock: DueClock; now: number }) {
  const { t, duration, dateTime } = useI18n();
  const level = urgencyLevel(clock, now);
  const left = clock.dueAt - now;
  const target = t(`sla.${clock.target}`);
  const due = new Date(clock.dueAt);
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
