import { useI18n } from '../i18n/i18n.js';
import type { LiveStatus } from '../live/use-live-socket.js';

export function LiveIndicator({ status, refusal }: { status: LiveStatus; refusal?: string | null }) {
  const { t } = useI18n();
  const label = status === 'refused' ? t('live.refused', { reason: refusal ?? '' }) : t(`live.${status}`);
  return (
    <span className={`live-indicator live-${status}`} role="status" aria-label={t('live.status', { status: label })} data-testid="live-status" data-status={status}>
      <span className="dot" aria-hidden="true" />
      {label}
    </span>
  );
}
