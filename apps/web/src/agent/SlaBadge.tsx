import type { TicketView } from '@firsthand/http-contracts';
import { useI18n } from '../shared/i18n/i18n.js';
import { nearestClock, urgencyLevel, type DueClock } from './urgency.js';

const TONE = { ok: 'badge-ok', warn: 'badge-warn', breached: 'badge-bad' } as const;

export function ClockBadge({ clock, now }: { clock: DueClock; now: number }) {
  const { t, duration } = useI18n();
  const level = urgencyLevel(clock, now);
  const left = clock.dueAt - now;
  const target = t(`sla.${clock.target}`);
  return (
    <span className={`badge ${TONE[level]}`} data-urgency={level}>
      {left >= 0 ? t('sla.left', { target, time: duration(left) }) : t('sla.overdue', { target, time: duration(left) })}
    </span>
  );
}

/** The nearest running SLA clock, counting down live. */
export function SlaBadge({ ticket, now }: { ticket: TicketView; now: number }) {
  const { t } = useI18n();
  const clock = nearestClock(ticket);
  return clock ? <ClockBadge clock={clock} now={now} /> : <span className="badge badge-neutral">{t('sla.none')}</span>;
}
