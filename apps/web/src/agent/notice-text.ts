import type { AgentNotification } from '@firsthand/realtime-contracts';
import type { Translate } from '../shared/i18n/locale.js';

/** A live notice worded in the console's language, not in the one the worker rendered its email in. */
export function noticeText(notice: AgentNotification, t: Translate): string {
  const about = { code: notice.ticketCode, name: notice.actorName ?? '' };
  if (notice.unverified) return t('notice.customer_replied_unverified', about);
  if (notice.kind === 'sla_warning' || notice.kind === 'sla_escalated') {
    // A notice from a worker older than the `sla` field has only its subject line to say which target.
    if (!notice.sla) return notice.title;
    const target = t(`sla.${notice.sla.target}`);
    const key = notice.sla.stage === 'warning' ? 'notice.sla_warning' : notice.sla.stage === 'critical' ? 'notice.sla_critical' : 'notice.sla_escalated';
    return t(key, { ...about, target });
  }
  return t(`notice.${notice.kind}`, about);
}
